package io.healthid.demo.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.PageLoadStrategy;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.remote.http.ClientConfig;

/**
 * Debian's headless Chromium driven through its chromedriver, with a card in its own NSS store (a test-own HOME) and
 * a managed policy that presents it to the card listener without asking. Nothing is downloaded: when the browser,
 * the driver, NSS's tools or the policy directory are missing, {@link #unavailableReason()} says so and the test skips.
 */
final class ChromiumBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path POLICIES = Path.of("/etc/chromium/policies/managed");

    private final ChromeDriver driver;
    private final Path policy;

    private ChromiumBrowser(ChromeDriver driver, Path policy) {
        this.driver = driver;
        this.policy = policy;
    }

    /** Skips the calling test, with a visible notice, when no browser can be had here. */
    static void assumeAvailable(Class<?> test) {
        String missing = unavailableReason();
        if (missing != null) {
            System.err.println("*** NOTICE: " + test.getSimpleName() + " SKIPPED: " + missing + " ***");
        }
        Assumptions.assumeTrue(missing == null, missing);
    }

    /** Why no browser can be had here, or {@code null} when one can. */
    static String unavailableReason() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            return "Debian's chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)";
        }
        if (!onPath("certutil") || !onPath("pk12util")) {
            return "NSS tools are not installed (apt-get install libnss3-tools)";
        }
        try {
            Files.createDirectories(POLICIES);
            if (!Files.isWritable(POLICIES)) {
                return POLICIES + " is not writable: the card cannot be presented without a prompt";
            }
        }
        catch (IOException ex) {
            return POLICIES + " cannot be created: " + ex.getMessage();
        }
        return null;
    }

    /**
     * @param home the browser's HOME, where its NSS store is created
     * @param card the PKCS#12 file of the card and its password; {@code null}: a browser without a card (e-CPS)
     * @param root the test PKI's root, trusted for the card listener's server certificate
     * @param cardListener {@code https://localhost:<port>}, where the card is presented without a prompt
     */
    static ChromiumBrowser start(Path home, Path card, String password, Path root, String cardListener) throws Exception {
        Path nss = home.resolve(".pki/nssdb");
        Files.createDirectories(nss);
        run(home, "certutil", "-N", "-d", "sql:" + nss, "--empty-password");
        run(home, "certutil", "-A", "-d", "sql:" + nss, "-t", "C,,", "-n", "healthid-test-root", "-i", root.toString());
        Path policy = null;
        if (card != null) {
            run(home, "pk12util", "-d", "sql:" + nss, "-i", card.toString(), "-W", password);
            policy = POLICIES.resolve("healthid-e2e-" + ProcessHandle.current().pid() + ".json");
            Files.writeString(policy, "{\"AutoSelectCertificateForUrls\": [\"{\\\"pattern\\\":\\\"" + cardListener
                    + "\\\",\\\"filter\\\":{}}\"]}");
        }

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // a command waits for the page's document, not for its load event: the phone's page reloads itself
        options.setPageLoadStrategy(PageLoadStrategy.EAGER);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900", "--lang=fr-FR",
                // the phone's window and the site's are both open: neither may be throttled or frozen as a
                // background window while the test drives the other (Chromium 156 left a form's navigation pending)
                "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
                "--disable-backgrounding-occluded-windows",
                "--user-data-dir=" + home.resolve("profile"));
        // the identity provider's pages follow Accept-Language, which --lang does not set in headless mode
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "fr-FR,fr"));
        ChromeDriverService service = new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .withEnvironment(Map.of("HOME", home.toString()))
            .withLogFile(home.resolve("chromedriver.log").toFile())
            .build();
        // every command answers within two minutes (a page load may take 90 s): a browser that stops rendering
        // (a failed run's screenshot once waited over five minutes for Chromium) fails the test instead of hanging it
        ChromeDriver driver = new ChromeDriver(service, options,
                ClientConfig.defaultConfig().readTimeout(Duration.ofSeconds(120)));
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(90));
        return new ChromiumBrowser(driver, policy);
    }

    ChromeDriver driver() {
        return this.driver;
    }

    /** The page where {@code failure} happened, if the browser still answers: the failure stays the one reported. */
    void screenshotOf(Throwable failure, Path file) {
        try {
            screenshot(file);
        }
        catch (RuntimeException screenshotFailed) {
            failure.addSuppressed(screenshotFailed);
        }
    }

    /** The whole page, not only the viewport. */
    void screenshot(Path file) {
        @SuppressWarnings("unchecked")
        Map<String, Object> metrics = (Map<String, Object>) this.driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        @SuppressWarnings("unchecked")
        Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
        Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", ((Number) size.get("width")).doubleValue(),
                "height", ((Number) size.get("height")).doubleValue(), "scale", 1);
        Map<String, Object> shot = this.driver.executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            this.driver.quit();
        }
        finally {
            if (this.policy != null) {
                Files.deleteIfExists(this.policy);
            }
        }
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    private static void run(Path home, String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true);
        builder.environment().put("HOME", home.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", line) + " failed: " + output);
        }
    }
}
