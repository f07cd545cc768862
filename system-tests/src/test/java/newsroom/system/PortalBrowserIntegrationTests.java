package newsroom.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import newsroom.localrun.DemoLoader;
import newsroom.testing.InProcessInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * The portal in a real browser (headless Chromium) in front of the three services, on the in-process broker and
 * store, with the seed page loaded by local-run's DemoLoader: the seed article page rebuilt, its click count going
 * up as it is opened, an editor publishing through the console, and a stored XSS payload that runs nothing.
 * Screenshots go to target/screenshots/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortalBrowserIntegrationTests {

    private static final String EDITOR = "editor";
    private static final String EDITOR_PASSWORD = "system-test-editor";
    private static final Duration EVENTUALLY = Duration.ofSeconds(60);

    private RunningSystem system;
    private ChromeDriver browser;
    private String portal;
    private String seedArticle;
    private String seedCategory;

    @BeforeAll
    void startTheSystemLoadTheSeedAndOpenABrowser() throws Exception {
        HeadlessChromium.assumeInstalled();
        system = new RunningSystem(InProcessInfrastructure.kafkaBootstrapServers(),
                InProcessInfrastructure.mongo().getConnectionString());
        portal = system.startPortal();
        Map<String, String> seed = new DemoLoader(HttpClient.newHttpClient(), system.categoriesUrl,
                system.articlesUrl, "admin", RunningSystem.ADMIN_PASSWORD).load();
        seedArticle = seed.get("articleId");
        seedCategory = seed.get("categoryId");
        assertThat(system.articles.post().uri("/api/admin/users").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("username", EDITOR, "password", EDITOR_PASSWORD, "roles", List.of("EDITOR"),
                        "displayName", "测试编辑"))
                .retrieve().toBodilessEntity().getStatusCode()).isEqualTo(HttpStatus.CREATED);
        browser = HeadlessChromium.start(Files.createTempDirectory("newsroom-chromium-"));
    }

    @AfterAll
    void closeEverything() {
        if (browser != null) {
            browser.quit();
        }
        if (system != null) {
            system.close();
        }
    }

    @Test
    void theSeedArticlePageShowsTheSeedsBreadcrumbThirteenSiblingCategoriesAndTheBody() throws IOException {
        browser.get(portal + "/articles/" + seedArticle);

        assertThat(browser.findElements(By.cssSelector("nav.breadcrumb a")).stream().map(WebElement::getText))
                .containsExactly("主页", "新闻中心", "园区规划");
        assertThat(browser.findElement(By.cssSelector("nav.breadcrumb")).getText())
                .isEqualTo("当前位置:主页>新闻中心>园区规划>");
        List<WebElement> sidebar = browser.findElements(By.cssSelector("aside.sidebar li"));
        assertThat(sidebar).hasSize(13);
        assertThat(sidebar.stream().map(WebElement::getText)).containsExactly("高新院新闻", "政策解读", "高新区新闻",
                "区域经济研究", "经济开发区新闻", "科技创新", "战略性新兴产业研究", "行业洞见", "一带一路新闻", "智慧城市案例",
                "产业规划", "园区规划", "智慧城市news");
        assertThat(browser.findElement(By.cssSelector("aside.sidebar li.current")).getText()).isEqualTo("园区规划");
        assertThat(browser.findElement(By.cssSelector("article h1")).getText())
                .isEqualTo("打造数字经济时代产业创新集群,园区这么干!");
        assertThat(browser.findElement(By.cssSelector(".meta .source")).getText()).isEqualTo("来源:高新院 achie.org");
        assertThat(browser.findElement(By.cssSelector(".meta .date")).getText()).matches("日期:\\d{4}-\\d{2}-\\d{2}");
        // 点击 is filled by the page's script once the count has been fetched, as on the seed page.
        await().atMost(EVENTUALLY).untilAsserted(() ->
                assertThat(browser.findElement(By.cssSelector(".meta .views")).getText()).matches("点击:\\d+次"));
        String body = browser.findElement(By.cssSelector("article .body")).getText();
        assertThat(body).startsWith("1月5日,苏州市数字经济时代产业创新集群发展大会召开")
                .contains("瞄准数字经济“新赛道”", "集群构筑“生态圈”")
                .endsWith("推进产业高端要素有效对接。");
        await().atMost(EVENTUALLY).untilAsserted(() -> {
            browser.navigate().refresh();
            assertThat(browser.findElements(By.cssSelector(".related li"))).isNotEmpty();
        });
        assertThat(browser.findElement(By.cssSelector(".related h2")).getText()).isEqualTo("相关文章推荐:");

        Path shot = HeadlessChromium.screenshot(browser, "article-page.png");
        // README's screenshot: written when missing, refreshed with -Dscreenshots.update=true.
        Path docs = Path.of("..", "docs", "screenshots", "article-page.png");
        if (!Files.exists(docs) || Boolean.getBoolean("screenshots.update")) {
            Files.createDirectories(docs.getParent());
            Files.copy(shot, docs, StandardCopyOption.REPLACE_EXISTING);
        }

        // The same page on a phone: one column, the sidebar below the article, nothing wider than the screen.
        Dimension desktop = browser.manage().window().getSize();
        try {
            browser.manage().window().setSize(new Dimension(390, 844));
            browser.navigate().refresh();
            Object overflow = browser.executeScript(
                    "return document.documentElement.scrollWidth > document.documentElement.clientWidth");
            assertThat(overflow).isEqualTo(false);
            HeadlessChromium.screenshot(browser, "article-page-phone.png");
        } finally {
            browser.manage().window().setSize(desktop);
        }
    }

    @Test
    void theHomePageListsTheLatestArticlesAndEachSectionThatHasSome() throws IOException {
        browser.get(portal + "/");

        // Other tests publish too: the newest eight of them all, whichever they are.
        assertThat(browser.findElements(By.cssSelector(".latest li a, .latest .headline-item a")))
                .hasSizeBetween(7, 8);
        assertThat(browser.findElements(By.cssSelector(".section h2 > a")).stream().map(WebElement::getText))
                .contains("园区规划", "产业规划", "科技创新").doesNotContain("政策解读");
        assertThat(browser.findElement(By.cssSelector("link[type='application/rss+xml']")).getDomAttribute("href"))
                .isEqualTo("/feeds/rss.xml");
        HeadlessChromium.screenshot(browser, "home.png");

        clickAndAwaitNewPage(By.linkText("园区规划"));
        assertThat(browser.findElement(By.cssSelector("h1.category-title")).getText()).isEqualTo("园区规划");
        assertThat(browser.findElements(By.cssSelector(".listing li a")).stream().map(WebElement::getText))
                .contains("打造数字经济时代产业创新集群,园区这么干!", "【演示】园区数字化转型的五个抓手");
        HeadlessChromium.screenshot(browser, "category-page.png");
    }

    @Test
    void openingTheArticlePageMakesItsClickCountGoUp() {
        // A reader this test has not been before (stats-service may count a reader's repeated views once), in an
        // ordinary desktop Chrome as far as any bot detection can tell.
        String reader = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0."
                + (System.nanoTime() % 10_000) + ".0 Safari/537.36";
        browser.executeCdpCommand("Network.setUserAgentOverride", Map.of("userAgent", reader));
        try {
            browser.get(portal + "/articles/" + seedArticle);
            long before = clicks();

            await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                browser.navigate().refresh();
                assertThat(clicks()).isGreaterThan(before);
            });
        } finally {
            browser.executeCdpCommand("Network.setUserAgentOverride",
                    Map.of("userAgent", HeadlessChromium.USER_AGENT));
        }
    }

    @Test
    void theStatsDashboardShowsTheSeedArticleTrendingAndItsViewsOverTime() throws IOException {
        // One reader's view through the portal's beacon, as the article page's script sends it.
        system.articles.post().uri("/api/articles/{id}/views", seedArticle)
                .header("User-Agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
                        + " Chrome/156.0.0.0 Safari/537.36")
                .header("X-Forwarded-For", "198.51.100." + (System.nanoTime() % 200 + 1))
                .retrieve().toBodilessEntity();

        await().atMost(EVENTUALLY).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            browser.get(system.statsUrl + "/dashboard");
            assertThat(browser.findElements(By.cssSelector("#trending li a")))
                    .extracting(link -> link.getText().strip()).contains(seedArticle);
        });
        browser.findElement(By.id("id")).clear();
        browser.findElement(By.id("id")).sendKeys(seedArticle);
        browser.findElement(By.cssSelector("#series-form button[type=submit]")).click();
        await().atMost(EVENTUALLY).untilAsserted(() -> {
            assertThat(browser.findElement(By.id("chart-title")).getText()).endsWith(" " + seedArticle);
            assertThat(browser.findElement(By.id("totals")).getText()).containsPattern("counted [1-9]");
            assertThat(browser.findElements(By.cssSelector("#chart canvas"))).isNotEmpty();
            assertThat(browser.findElement(By.id("error")).getText()).isBlank();
        });
        HeadlessChromium.screenshot(browser, "stats-dashboard.png");
    }

    @Test
    void anEditorPublishesANewArticleInTheConsoleAndItAppearsOnItsCategoryPage() throws IOException {
        signInToTheConsole();
        String title = "控制台发布测试 " + System.nanoTime();

        writeArticle(title, "<h3>园区动态</h3><p>这是一篇在编辑后台写成并发布的文章。</p>");
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("DRAFT");
        HeadlessChromium.screenshot(browser, "console-editor.png");
        clickAndAwaitNewPage(By.id("step-publish"));
        assertThat(browser.findElement(By.cssSelector(".flash.ok")).getText()).startsWith("已发布");
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("PUBLISHED");

        browser.get(portal + "/categories/" + seedCategory);
        await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            browser.navigate().refresh();
            assertThat(browser.findElements(By.cssSelector(".listing li a")).stream().map(WebElement::getText))
                    .contains(title);
        });
        clickAndAwaitNewPage(By.linkText(title));
        assertThat(browser.findElement(By.cssSelector("article h1")).getText()).isEqualTo(title);
        assertThat(browser.findElement(By.cssSelector("article .body p")).getText())
                .isEqualTo("这是一篇在编辑后台写成并发布的文章。");

        browser.get(portal + "/console");
        HeadlessChromium.screenshot(browser, "console-dashboard.png");
    }

    @Test
    void aStoredXssPayloadInABodyRunsNoScript() {
        signInToTheConsole();
        String title = "XSS 测试 <img src=x onerror=\"window.__xss='title'\"> " + System.nanoTime();
        String payload = "<p>XSS probe</p>"
                + "<script>window.__xss='script'; alert('script')</script>"
                + "<img src=\"/no-such-image.png\" onerror=\"window.__xss='img'; alert('img')\">"
                + "<svg onload=\"window.__xss='svg'\"></svg>"
                + "<iframe src=\"javascript:parent.__xss='iframe'\"></iframe>"
                + "<a id=\"xss-link\" href=\"javascript:window.__xss='link'\">link</a>"
                + "<p style=\"background:url(javascript:window.__xss='css')\" onclick=\"window.__xss='click'\">click me</p>";

        writeArticle(title, payload);
        assertNoScriptRan();
        clickAndAwaitNewPage(By.id("step-publish"));
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("PUBLISHED");
        String articleUrl = browser.findElement(By.id("public-link")).getDomProperty("href");

        browser.get(articleUrl);
        assertThat(browser.findElement(By.cssSelector("article h1")).getText()).isEqualTo(title);
        assertThat(browser.findElement(By.cssSelector("article .body")).getText()).contains("XSS probe");
        for (WebElement paragraph : browser.findElements(By.cssSelector("article .body p"))) {
            paragraph.click();
        }
        for (WebElement link : browser.findElements(By.cssSelector("article .body a"))) {
            link.click();
        }
        assertNoScriptRan();
        assertThat(browser.findElements(By.cssSelector("article .body script, article .body iframe, "
                + "article .body svg, article .body [onerror], article .body [onclick]"))).isEmpty();
    }

    private void assertNoScriptRan() {
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        assertThat(browser.executeScript("return window.__xss === undefined ? null : String(window.__xss)"))
                .isNull();
    }

    private void signInToTheConsole() {
        browser.get(portal + "/console");
        if (!browser.getCurrentUrl().endsWith("/console/login")) {
            return;
        }
        browser.findElement(By.id("username")).sendKeys(EDITOR);
        browser.findElement(By.id("password")).sendKeys(EDITOR_PASSWORD);
        clickAndAwaitNewPage(By.id("sign-in"));
        assertThat(browser.getCurrentUrl()).startsWith(portal + "/console").doesNotContain("login");
    }

    /** Writes a draft in the 园区规划 category and saves it; the browser is then on its edit page. */
    private void writeArticle(String title, String body) {
        browser.get(portal + "/console/articles/new");
        browser.findElement(By.name("title")).sendKeys(title);
        new Select(browser.findElement(By.name("categoryId"))).selectByVisibleText("新闻中心 / 园区规划");
        browser.findElement(By.name("summary")).sendKeys("浏览器测试写的文章");
        browser.findElement(By.name("source")).sendKeys("系统测试");
        // The body goes in by script, as raw HTML past the rich-text editor (taken away once it is up), so that what
        // is tested is the server's cleaning: typing 200 characters of HTML key by key proves nothing more.
        await().atMost(EVENTUALLY).until(() -> Boolean.TRUE.equals(browser.executeScript(
                "return !!(window.tinymce && tinymce.activeEditor && tinymce.activeEditor.initialized)")));
        browser.executeScript("tinymce.remove(); var t = document.querySelector('textarea[name=body]');"
                + " t.value = arguments[0]; t.dispatchEvent(new Event('input'));", body);
        clickAndAwaitNewPage(By.id("save"));
        assertThat(browser.findElement(By.cssSelector(".flash.ok")).getText()).isEqualTo("草稿已保存。");
    }

    /**
     * Clicks a link or submit button and returns once the page it loads has replaced the current one: reading right
     * after the click could find the old page's element (the draft's "saved" notice, its status) or one that goes
     * stale under the reader.
     */
    private void clickAndAwaitNewPage(By target) {
        WebElement current = browser.findElement(By.tagName("html"));
        browser.findElement(target).click();
        await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(50)).until(() -> isGone(current));
    }

    private static boolean isGone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException e) {
            return true;
        }
    }

    /** 点击 as the page shows it, once its script has fetched it. */
    private long clicks() {
        return await().atMost(EVENTUALLY).until(() -> browser.findElement(By.id("view-count")).getText().strip(),
                text -> !text.isEmpty()).transform(Long::parseLong);
    }

    @Test
    void aReaderSearchesFromTheHeaderAndFindsTheSeedArticleWithTheWordMarked() throws IOException {
        browser.get(portal + "/articles/" + seedArticle);
        WebElement box = browser.findElement(By.cssSelector("header form.site-search input[name=q]"));
        box.sendKeys("数字经济");
        browser.findElement(By.cssSelector("header form.site-search button")).click();

        // The index is fed by events and caught up at start: the seed may need a moment to arrive.
        await().atMost(EVENTUALLY).untilAsserted(() -> {
            assertThat(browser.getCurrentUrl()).contains("/search?q=");
            assertThat(browser.findElements(By.cssSelector(".search-results li"))).isNotEmpty();
            browser.navigate().refresh();
            WebElement first = browser.findElement(By.cssSelector(".search-results li"));
            assertThat(first.findElement(By.cssSelector("a.result-title")).getText())
                    .isEqualTo("打造数字经济时代产业创新集群,园区这么干!");
        });
        WebElement first = browser.findElement(By.cssSelector(".search-results li"));
        assertThat(first.findElements(By.cssSelector(".snippet mark")).stream().map(WebElement::getText))
                .isNotEmpty().allMatch(word -> "数字经济".contains(word));
        assertThat(first.findElement(By.cssSelector(".result-meta")).getText())
                .matches("\\d{4}-\\d{2}-\\d{2} · 园区规划");
        HeadlessChromium.screenshot(browser, "search.png");

        first.findElement(By.cssSelector("a.result-title")).click();
        assertThat(browser.findElement(By.cssSelector("article h1")).getText())
                .isEqualTo("打造数字经济时代产业创新集群,园区这么干!");
    }

}
