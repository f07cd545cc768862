package newsroom.system;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import newsroom.testing.Prerequisites;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium driven by Debian's ChromeDriver, headless, with a fresh profile, and nothing downloaded: the
 * driver and the browser are given by path, so Selenium Manager is never asked for anything. Where they are not
 * installed ({@code apt-get install -y chromium chromium-driver}), the browser tests fail in CI ({@code CI=true}) and
 * are skipped, saying so, on a developer's machine ({@link Prerequisites}).
 */
final class HeadlessChromium {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    /** An ordinary desktop browser as far as bot detection is concerned (HeadlessChrome is one to some). */
    static final String USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/156.0.0.0 Safari/537.36";

    private HeadlessChromium() {
    }

    /** Fails (CI) or skips (elsewhere) the calling test class when Chromium or ChromeDriver is missing. */
    static void assumeInstalled() {
        Prerequisites.require(Files.isExecutable(CHROMIUM), "The browser tests' " + CHROMIUM,
                "apt-get install -y chromium chromium-driver");
        Prerequisites.require(Files.isExecutable(CHROMEDRIVER), "The browser tests' " + CHROMEDRIVER,
                "apt-get install -y chromium-driver");
    }

    static ChromeDriver start(Path profile) {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-quic",
                "--disable-extensions",
                "--disable-default-apps",
                "--no-first-run",
                "--no-default-browser-check",
                "--user-data-dir=" + profile.toAbsolutePath(),
                "--window-size=1280,1600",
                "--lang=zh-CN",
                "--user-agent=" + USER_AGENT);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        return driver;
    }

    /** Saves a screenshot of the current page under target/screenshots/NAME. */
    static Path screenshot(ChromeDriver driver, String name) throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "screenshots"));
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Path target = dir.resolve(name);
        Files.copy(shot.toPath(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return target;
    }
}
