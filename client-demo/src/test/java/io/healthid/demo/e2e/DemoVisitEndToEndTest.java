package io.healthid.demo.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A person's whole visit in a real browser: the real identity provider (its jar, embedded stores, sample directory,
 * test PKI) and the demo on free ports ({@link EndToEndStack}); Debian's headless Chromium with a test card in its NSS
 * store, presented as a client certificate to the card listener. Sign in, choose a working context, refresh, sign out, and see a session
 * ended at the identity provider end in the demo too (back-channel logout). Screenshots of each step go to
 * {@code target/e2e-screenshots/}.
 */
@Tag("e2e")
class DemoVisitEndToEndTest {

    static final Path SCREENSHOTS = Path.of("target", "e2e-screenshots");
    static final String PERSON = "819990000010";

    static EndToEndStack stack;
    static ChromiumBrowser browser;
    static IdentityProviderProcess idp;
    static String demo;

    @BeforeAll
    static void startEverything() throws Exception {
        ChromiumBrowser.assumeAvailable(DemoVisitEndToEndTest.class);
        stack = EndToEndStack.shared();
        idp = stack.idp;
        demo = stack.demo;

        // the card comes the way a newcomer gets it: from the demo's test cards page
        Path card = stack.download("/test-cards/" + PERSON + ".p12", EndToEndStack.WORK.resolve("card.p12"));
        Path root = stack.downloadRoot();
        String password = stack.page("/test-cards").replaceAll("(?s).*<code id=\"card-password\">([^<]+)</code>.*", "$1");

        Path home = EndToEndStack.WORK.resolve("browser-home");
        IdentityProviderProcess.deleteRecursively(home);
        browser = ChromiumBrowser.start(home.toAbsolutePath(), card.toAbsolutePath(), password,
                root.toAbsolutePath(), stack.cardListener);
    }

    @AfterAll
    static void stopBrowser() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @Tag("OIDC-BCL-2.5")
    void visitWhenSignedInWithCardThenContextRefreshSignOutAndBackChannelLogoutAllWork() {
        try {
            visit(browser.driver());
        }
        catch (RuntimeException | AssertionError ex) {
            browser.screenshotOf(ex, SCREENSHOTS.resolve("99-failed-here.png"));
            throw ex;
        }
    }

    private void visit(WebDriver driver) {
        driver.get(demo + "/test-cards");
        assertThat(driver.findElement(By.id("card-" + PERSON)).getText()).isNotBlank();
        browser.screenshot(SCREENSHOTS.resolve("01-test-cards.png"));

        driver.get(demo + "/");
        browser.screenshot(SCREENSHOTS.resolve("02-home.png"));
        signIn(driver);
        browser.screenshot(SCREENSHOTS.resolve("03-profile-signed-in.png"));
        assertThat(text(driver, "subject-name-id")).isEqualTo(PERSON);
        assertThat(text(driver, "auth-mode")).isEqualTo("CARD");
        assertThat(text(driver, "amr")).contains("sc");
        // two professions: PSC never chooses, so neither does the demo
        assertThat(text(driver, "working-context")).isEqualTo("non choisi");
        assertThat(driver.findElements(By.id("exercice-10C"))).hasSize(1);
        assertThat(driver.findElements(By.id("exercice-21C"))).hasSize(1);
        String page = driver.findElement(By.tagName("main")).getText();
        assertThat(page).contains("Médecin", "Pharmacien", "Cabinet individuel", "Pharmacie d'officine", "Libéral",
                "CABINET DU DR MARTIN", "PHARMACIE DU MARCHE");

        WebElement pharmacy = driver.findElement(By.cssSelector("input[name=context][value^='21C|']"));
        pharmacy.click();
        driver.findElement(By.id("choose-context")).click();
        await(driver).until(d -> !d.findElements(By.id("context-saved")).isEmpty());
        assertThat(text(driver, "working-context")).isEqualTo("Pharmacien (21C) · PHARMACIE DU MARCHE");
        browser.screenshot(SCREENSHOTS.resolve("04-context-chosen.png"));
        driver.manage().window().setSize(new Dimension(390, 844));
        browser.screenshot(SCREENSHOTS.resolve("04b-context-chosen-phone.png"));
        driver.manage().window().setSize(new Dimension(1280, 900));

        driver.get(demo + "/tokens");
        String accessBefore = text(driver, "access-token-payload");
        assertThat(accessBefore).contains("\"azp\" : \"client-demo\"");
        driver.findElement(By.id("refresh")).click();
        await(driver).until(d -> !d.findElements(By.id("refreshed")).isEmpty());
        assertThat(text(driver, "access-token-payload")).isNotEqualTo(accessBefore);
        assertThat(text(driver, "userinfo-json")).contains("SubjectRefPro");
        browser.screenshot(SCREENSHOTS.resolve("05-tokens-refreshed.png"));

        driver.get(demo + "/trace");
        String trace = driver.findElement(By.tagName("main")).getText();
        assertThat(trace).contains("acr_values=eidas1", "code_challenge_method=S256", "grant_type=authorization_code",
                "code_verifier=", "Basic base64(client-demo:••••••)", "grant_type=refresh_token", "SubjectRefPro")
            .doesNotContain("client-demo-secret");
        browser.screenshot(SCREENSHOTS.resolve("06-trace.png"));

        // the working context stays in the session and in the header
        assertThat(text(driver, "working-context")).isEqualTo("Pharmacien (21C) · PHARMACIE DU MARCHE");

        driver.findElement(By.id("logout")).click();
        await(driver).until(d -> d.getCurrentUrl().equals(demo + "/") && !d.findElements(By.id("login")).isEmpty());
        assertThat(driver.findElements(By.id("person-name"))).isEmpty();
        browser.screenshot(SCREENSHOTS.resolve("07-signed-out.png"));

        // signed in again, then the session ends at the identity provider only: the demo hears it on its back channel
        driver.get(demo + "/");
        signIn(driver);
        assertThat(text(driver, "subject-name-id")).isEqualTo(PERSON);
        driver.get(idp.issuer() + "/protocol/openid-connect/logout");
        // RP-Initiated Logout 6: without id_token_hint the person confirms
        WebElement confirm = driver.findElement(By.cssSelector("form button[type=submit]"));
        confirm.click();
        // the confirmation answered before the demo is visited: leaving the page sooner can cancel its POST
        await(driver).until(ExpectedConditions.stalenessOf(confirm));
        browser.screenshot(SCREENSHOTS.resolve("08-idp-session-closed.png"));
        await(driver).until(d -> {
            d.get(demo + "/");
            return !d.findElements(By.id("login")).isEmpty();
        });
        assertThat(driver.findElements(By.id("person-name"))).isEmpty();
        browser.screenshot(SCREENSHOTS.resolve("09-ended-by-back-channel.png"));
    }

    /** From the demo's home page through the identity provider and the card listener, back to the profile. */
    private static void signIn(WebDriver driver) {
        driver.findElement(By.id("login")).click();
        await(driver).until(d -> d.getCurrentUrl().startsWith(demo + "/profile")
                || !d.findElements(By.cssSelector("a[data-method]")).isEmpty());
        if (!driver.getCurrentUrl().startsWith(demo + "/profile")) {
            List<WebElement> card = driver.findElements(By.cssSelector("a[data-method]"));
            browser.screenshot(SCREENSHOTS.resolve("03a-idp-login-page.png"));
            card.get(0).click();
            await(driver).until(d -> d.getCurrentUrl().startsWith(demo + "/profile"));
        }
    }

    private static WebDriverWait await(WebDriver driver) {
        return new WebDriverWait(driver, Duration.ofSeconds(60), Duration.ofMillis(250));
    }

    private static String text(WebDriver driver, String id) {
        return driver.findElement(By.id(id)).getText().trim();
    }
}
