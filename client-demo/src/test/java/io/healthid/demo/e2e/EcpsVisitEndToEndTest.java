package io.healthid.demo.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Signing in with e-CPS in a real browser, the phone played by the demo's simulator: activate a phone with the codes
 * the identity provider sent to the outbox, start a login at the demo, choose e-CPS, read the number on the
 * identity provider's waiting page and tap it on the phone. A denial and a phone with its clock off end on the
 * identity provider's failure page with their reason code; an approval lands signed in with {@code authMode MOBILE}.
 * The phone is the demo on another host name ({@code 127.0.0.1}), so it shares no cookie with the relying party, as a
 * real phone would not. The browser has no card (the card listener finds none and the login page offers e-CPS).
 * Screenshots go to
 * {@code target/e2e-screenshots/ecps/}.
 */
@Tag("e2e")
class EcpsVisitEndToEndTest {

    static final Path SCREENSHOTS = Path.of("target", "e2e-screenshots", "ecps");
    /** One profession, three sites: a practitioner the card visit does not use. */
    static final String PERSON = "819990000028";
    static final String EMAIL = "luc.bernard@example.org";
    static final String MOBILE = "+33600000002";

    static EndToEndStack stack;
    static ChromiumBrowser browser;

    @BeforeAll
    static void startEverything() throws Exception {
        ChromiumBrowser.assumeAvailable(EcpsVisitEndToEndTest.class);
        stack = EndToEndStack.shared();
        Path home = EndToEndStack.WORK.resolve("browser-home-ecps");
        IdentityProviderProcess.deleteRecursively(home);
        browser = ChromiumBrowser.start(home.toAbsolutePath(), null, null, stack.downloadRoot().toAbsolutePath(),
                stack.cardListener);
    }

    @AfterAll
    static void stopBrowser() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @Tag("RFC9449")
    void loginWhenPhoneActivatedWithOutboxCodesThenDenialAndClockOffFailWithTheirCodeAndApprovalSignsInWithMobile() {
        WebDriver driver = browser.driver();
        try {
            String site = driver.getWindowHandle();
            String phone = activatePhone(driver);
            // the phone in a window of its own beside the site's, both on screen as on a desk
            driver.switchTo().newWindow(WindowType.WINDOW);
            String phoneTab = driver.getWindowHandle();
            driver.get(phone);

            // the person says no on the phone: the browser's page says so, with its code
            driver.switchTo().window(site);
            int number = startEcpsLogin(driver, "05");
            driver.switchTo().window(phoneTab);
            await(driver).until(d -> !d.findElements(By.id("deny")).isEmpty());
            assertThat(text(driver, "request-client")).isEqualTo("Démo Pro Santé Connect");
            assertThat(driver.findElements(By.cssSelector(".numbers button"))).hasSize(3);
            assertThat(driver.findElements(By.id("number-" + number))).hasSize(1);
            browser.screenshot(SCREENSHOTS.resolve("06-phone-request.png"));
            click(driver, By.id("deny"));
            awaitOutcome(driver, "denied");
            driver.switchTo().window(site);
            awaitFailure(driver, "ECPS_DENIED");
            browser.screenshot(SCREENSHOTS.resolve("07-idp-denied.png"));

            // a phone five minutes late: its signed answer is refused and the browser is told to fix the clock
            driver.switchTo().window(phoneTab);
            click(driver, By.id("settings-link"));
            WebElement offset = driver.findElement(By.id("clockOffset"));
            offset.clear();
            offset.sendKeys("-300");
            click(driver, By.id("save-settings"));
            assertThat(text(driver, "settings-summary")).contains("-300");
            driver.switchTo().window(site);
            number = startEcpsLogin(driver, "08");
            driver.switchTo().window(phoneTab);
            tap(driver, number);
            awaitOutcome(driver, "ECPS_CLOCK_SKEW");
            driver.switchTo().window(site);
            awaitFailure(driver, "ECPS_CLOCK_SKEW");
            // what to do, in the person's language: switch on automatic date and time
            assertThat(driver.findElement(By.cssSelector("p.message")).getText()).containsIgnoringCase("automati");
            browser.screenshot(SCREENSHOTS.resolve("09-idp-clock-skew.png"));

            // clock set right, the right number: signed in with e-CPS
            driver.switchTo().window(phoneTab);
            click(driver, By.id("settings-link"));
            click(driver, By.id("reset-settings"));
            driver.switchTo().window(site);
            number = startEcpsLogin(driver, "10");
            driver.switchTo().window(phoneTab);
            tap(driver, number);
            awaitOutcome(driver, "approved");
            browser.screenshot(SCREENSHOTS.resolve("12-phone-approved.png"));
            driver.switchTo().window(site);
            await(driver).until(d -> d.getCurrentUrl().startsWith(stack.demo + "/profile"));
            assertThat(text(driver, "subject-name-id")).isEqualTo(PERSON);
            assertThat(text(driver, "auth-mode")).isEqualTo("MOBILE");
            assertThat(text(driver, "amr")).contains("mfa");
            browser.screenshot(SCREENSHOTS.resolve("13-profile-signed-in-with-ecps.png"));
        }
        catch (RuntimeException | AssertionError ex) {
            browser.screenshotOf(ex, SCREENSHOTS.resolve("99-failed-here.png"));
            throw ex;
        }
    }

    /** The simulator's activation by correspondence data, the codes read from the outbox in another tab. */
    private static String activatePhone(WebDriver driver) {
        driver.get(stack.demo + "/");
        click(driver, By.id("nav-phone"));
        await(driver).until(d -> d.getCurrentUrl().startsWith(stack.phone + "/phone"));
        browser.screenshot(SCREENSHOTS.resolve("01-simulator.png"));
        driver.findElement(By.id("nationalId")).sendKeys(PERSON);
        click(driver, By.cssSelector("#activation-start button[type=submit]"));
        await(driver).until(d -> !d.findElements(By.id("emailCode")).isEmpty());
        browser.screenshot(SCREENSHOTS.resolve("02-codes-asked.png"));

        String codesTab = driver.getWindowHandle();
        driver.switchTo().newWindow(WindowType.TAB);
        driver.get(stack.phone + "/outbox");
        String emailCode = awaitCode(driver, "EMAIL", EMAIL);
        String smsCode = awaitCode(driver, "SMS", MOBILE);
        browser.screenshot(SCREENSHOTS.resolve("03-outbox.png"));
        driver.close();
        driver.switchTo().window(codesTab);

        driver.findElement(By.id("emailCode")).sendKeys(emailCode);
        driver.findElement(By.id("smsCode")).sendKeys(smsCode);
        click(driver, By.id("activate"));
        await(driver).until(d -> !d.findElements(By.id("activated")).isEmpty());
        assertThat(driver.findElement(By.tagName("h1")).getText()).contains(PERSON);
        browser.screenshot(SCREENSHOTS.resolve("04-phone-activated.png"));
        return driver.getCurrentUrl().replaceAll("\\?.*", "");
    }

    /** From the demo's home page to the identity provider's waiting page; the number it shows. */
    private static int startEcpsLogin(WebDriver driver, String step) {
        driver.get(stack.demo + "/");
        click(driver, By.id("login"));
        await(driver).until(d -> !d.findElements(By.cssSelector("form[data-method=MOBILE]")).isEmpty());
        driver.findElement(By.id("nationalId")).sendKeys(PERSON);
        browser.screenshot(SCREENSHOTS.resolve(step + "a-idp-login-ecps.png"));
        click(driver, By.cssSelector("form[data-method=MOBILE] button[type=submit]"));
        await(driver).until(d -> !d.findElements(By.id("ecps-number")).isEmpty());
        browser.screenshot(SCREENSHOTS.resolve(step + "b-idp-waiting.png"));
        return Integer.parseInt(text(driver, "ecps-number"));
    }

    /** The phone's screen follows pushes by itself; the number, once shown, is tapped. */
    private static void tap(WebDriver driver, int number) {
        await(driver).until(d -> !d.findElements(By.id("number-" + number)).isEmpty());
        click(driver, By.id("number-" + number));
    }

    /** The identity provider's answer to the phone, on the phone's newest notification. */
    private static void awaitOutcome(WebDriver driver, String outcome) {
        await(driver).until(d -> d.findElement(By.cssSelector("#notifications tbody tr .outcome")).getText().contains(outcome));
    }

    private static void awaitFailure(WebDriver driver, String reason) {
        await(driver).until(d -> d.findElements(By.cssSelector("p.code code")).stream()
            .anyMatch(code -> code.getText().equals(reason)));
    }

    private static String awaitCode(WebDriver driver, String channel, String to) {
        By code = By.cssSelector("li[data-channel='" + channel + "'][data-to='" + to + "'] .activation-code");
        await(driver).until(d -> {
            if (d.findElements(code).isEmpty()) {
                d.navigate().refresh();
                return false;
            }
            return true;
        });
        String value = driver.findElements(code).get(0).getText();
        assertThat(value).matches("[0-9]{6}");
        return value;
    }

    private static WebDriverWait await(WebDriver driver) {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60), Duration.ofMillis(250));
        // the phone's page reloads itself (meta refresh): what was found just before a reload is stale after it
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /** Clicks what {@code target} finds, finding it again if the page reloaded in between. */
    private static void click(WebDriver driver, By target) {
        await(driver).until(d -> {
            d.findElement(target).click();
            return true;
        });
    }

    /** The element's text once the page that holds it is there: pages load eagerly, a click's navigation may lag. */
    private static String text(WebDriver driver, String id) {
        return await(driver).until(d -> d.findElement(By.id(id)).getText().trim());
    }
}
