package newsroom.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import newsroom.localrun.DemoLoader;
import newsroom.testing.InProcessInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * The console's body editor (TinyMCE, Chinese UI) in headless Chromium in front of the running services: a body
 * written with formatting, Chinese typed through the DevTools protocol's text insertion (what an IME commits) and
 * an image uploaded to the media library, published and shown on the portal page; a paste from Word cleaned to
 * the server's allow-list; autosave; and the article list's filters (state, category, author, title) and its sort by
 * stats-service's counted views. One running system and one browser for all of them. Screenshots go to
 * target/screenshots/ (the editor's also to docs/screenshots/).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleEditorBrowserIntegrationTests {

    private static final String EDITOR = "editor";
    private static final String EDITOR_PASSWORD = "system-test-editor";
    private static final Duration EVENTUALLY = Duration.ofSeconds(60);

    private RunningSystem system;
    private ChromeDriver browser;
    private String portal;

    @BeforeAll
    void startTheSystemAndOpenABrowser() throws Exception {
        HeadlessChromium.assumeInstalled();
        system = new RunningSystem(InProcessInfrastructure.kafkaBootstrapServers(),
                InProcessInfrastructure.mongo().getConnectionString());
        portal = system.startPortal();
        new DemoLoader(HttpClient.newHttpClient(), system.categoriesUrl, system.articlesUrl, "admin",
                RunningSystem.ADMIN_PASSWORD).load();
        assertThat(system.articles.post().uri("/api/admin/users").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("username", EDITOR, "password", EDITOR_PASSWORD, "roles", List.of("EDITOR"),
                        "displayName", "测试编辑"))
                .retrieve().toBodilessEntity().getStatusCode()).isEqualTo(HttpStatus.CREATED);
        browser = HeadlessChromium.start(Files.createTempDirectory("newsroom-chromium-"));
        signIn();
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
    void aBodyWrittenWithFormattingChineseInputAndAnUploadedImageIsPublishedAsWritten() throws IOException {
        String title = "编辑器测试 " + System.nanoTime();
        openNewArticle(title);
        assertThat(browser.findElement(By.cssSelector(".tox-tinymce button[aria-label='粗体']"))).isNotNull();

        type("园区建设稳步推进。");
        toolbar("粗体");
        type("数字经济");
        toolbar("粗体");
        type("是重点。");
        inEditor(body -> body.sendKeys(org.openqa.selenium.Keys.ENTER));
        // Pasting or dropping an image puts it in as data; the editor uploads it to the media library and puts
        // the library's URL in its place.
        browser.executeScript("tinymce.activeEditor.insertContent('<p><img alt=\"园区\" src=\"data:image/png;base64,"
                + pngBase64() + "\"></p>'); tinymce.activeEditor.uploadImages();");
        await().atMost(EVENTUALLY).untilAsserted(() -> assertThat((String) browser.executeScript(
                "return tinymce.activeEditor.getContent()")).containsPattern("src=\"/media/\\w+/content\""));
        browser.executeScript("var e = tinymce.activeEditor; e.selection.select(e.getBody(), true);"
                + " e.selection.collapse(false);");
        inEditor(body -> body.sendKeys(org.openqa.selenium.Keys.ENTER));
        type("第二段：图片下面的文字。");
        inEditor(body -> body.sendKeys(org.openqa.selenium.Keys.ENTER));
        toolbar("无序列表");
        type("第一项");

        Path shot = HeadlessChromium.screenshot(browser, "console-editor-tinymce.png");
        Path docs = Path.of("..", "docs", "screenshots", "console-editor.png");
        if (!Files.exists(docs) || Boolean.getBoolean("screenshots.update")) {
            Files.createDirectories(docs.getParent());
            Files.copy(shot, docs, StandardCopyOption.REPLACE_EXISTING);
        }
        clickAndAwaitNewPage(By.id("save"));
        assertThat(browser.findElement(By.cssSelector(".flash.ok")).getText()).isEqualTo("草稿已保存。");

        String id = browser.getCurrentUrl().replaceAll(".*/console/articles/", "");
        String stored = system.articles.get().uri("/api/editorial/articles/{id}", id).retrieve()
                .body(tools.jackson.databind.JsonNode.class).get("body").asString();
        assertThat(stored).contains("<p>园区建设稳步推进。<strong>数字经济</strong>是重点。</p>", "<li>第一项</li>",
                        "<p>第二段：图片下面的文字。</p>")
                .containsPattern("<img[^>]+src=\"/media/\\w+/content\"");

        clickAndAwaitNewPage(By.id("step-publish"));
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("PUBLISHED");
        browser.get(browser.findElement(By.id("public-link")).getDomProperty("href"));
        assertThat(browser.findElement(By.cssSelector("article h1")).getText()).isEqualTo(title);
        assertThat(browser.findElement(By.cssSelector("article .body strong")).getText()).isEqualTo("数字经济");
        assertThat(browser.findElement(By.cssSelector("article .body ul li")).getText()).isEqualTo("第一项");
        WebElement image = browser.findElement(By.cssSelector("article .body img"));
        assertThat(image.getDomAttribute("src")).matches("/media/\\w+/content");
        await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(
                ((Number) browser.executeScript("return arguments[0].naturalWidth", image)).intValue())
                .as("the image loads from the portal's origin").isEqualTo(240));
        HeadlessChromium.screenshot(browser, "article-with-image.png");
    }

    @Test
    void aPasteFromWordIsCleanedToTheServersAllowList() {
        openNewArticle("粘贴测试 " + System.nanoTime());
        String word = "<p class=MsoNormal style='margin:0cm;font-family:宋体;color:red'><b><span lang=EN-US "
                + "style='font-size:14pt'>粘贴的标题</span></b><o:p></o:p></p>"
                + "<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'><span style='font-family:Symbol'>·</span>"
                + "正文<font face=\"楷体\">一段</font><a href=\"javascript:alert(1)\" onclick=\"alert(2)\">链接</a></p>"
                + "<table class=MsoTableGrid border=1 style='border-collapse:collapse'><tr><td width=100 "
                + "style='border:solid windowtext 1pt'>单元格</td></tr></table>";
        browser.executeScript("tinymce.activeEditor.focus(); "
                + "tinymce.activeEditor.execCommand('mceInsertClipboardContent', false, {html: arguments[0]});", word);

        String content = (String) browser.executeScript("return tinymce.activeEditor.getContent()");
        assertThat(content).contains("粘贴的标题", "单元格", "<table", "<b>")
                .doesNotContain("style=", "class=", "<o:p", "<font", "javascript:", "onclick", "lang=");
        clickAndAwaitNewPage(By.id("save"));
        assertThat(browser.findElement(By.cssSelector(".flash.ok")).getText()).isEqualTo("草稿已保存。");
    }

    @Test
    void typingIsAutosavedWithoutARevisionSurvivesAReloadAndSomeoneElsesSaveIsShown() throws IOException {
        openNewArticle("自动保存测试 " + System.nanoTime());
        type("第一稿。");
        clickAndAwaitNewPage(By.id("save"));
        String id = browser.getCurrentUrl().replaceAll(".*/console/articles/", "");
        int revisions = browser.findElements(By.cssSelector(".revisions tbody tr")).size();
        awaitEditor();

        type("自动保存的文字");
        await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(browser.findElement(By.id("autosave-status"))
                .getText()).startsWith("已自动保存于"));
        browser.navigate().refresh();
        awaitEditor();
        assertThat((String) browser.executeScript("return tinymce.activeEditor.getContent()"))
                .contains("自动保存的文字");
        assertThat(browser.findElements(By.cssSelector(".revisions tbody tr"))).as("no revision per autosave")
                .hasSize(revisions);

        // Someone else saves meanwhile: the next autosave is refused, and the page says so and compares.
        var current = system.articles.get().uri("/api/editorial/articles/{id}", id).retrieve()
                .toEntity(tools.jackson.databind.JsonNode.class);
        tools.jackson.databind.JsonNode article = current.getBody();
        assertThat(system.articles.put().uri("/api/editorial/articles/{id}", id)
                .header("If-Match", current.getHeaders().getETag()).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("title", article.get("title").asString(), "body", "<p>管理员改写的正文</p>",
                        "categoryId", article.get("categoryId").asString()))
                .retrieve().toBodilessEntity().getStatusCode()).isEqualTo(HttpStatus.OK);
        type("我的补充");
        await().atMost(EVENTUALLY).until(() -> browser.findElement(By.id("autosave-conflict")).isDisplayed());
        assertThat(browser.findElement(By.cssSelector("#autosave-conflict [data-who]")).getText()).startsWith("admin 在");
        browser.findElement(By.cssSelector("#autosave-conflict [data-action='diff']")).click();
        String diff = browser.findElement(By.cssSelector("#autosave-conflict .diff")).getText();
        assertThat(diff).contains("- 管理员改写的正文").containsPattern("\\+ .*我的补充");
        HeadlessChromium.screenshot(browser, "console-autosave-conflict.png");

        browser.findElement(By.cssSelector("#autosave-conflict [data-action='mine']")).click();
        await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(browser.findElement(By.id("autosave-status"))
                .getText()).startsWith("已自动保存于"));
        assertThat(system.articles.get().uri("/api/editorial/articles/{id}", id).retrieve()
                .body(tools.jackson.databind.JsonNode.class).get("body").asString()).contains("我的补充");
    }

    @Test
    void theArticleListFiltersByStateCategoryAuthorAndTitleAndSortsByCountedViews() throws IOException {
        String tag = "筛选" + System.nanoTime();
        String planning = system.categories.get().uri("/api/categories/by-path/news/park-planning").retrieve()
                .body(tools.jackson.databind.JsonNode.class).get("id").asString();
        String news = system.categories.get().uri("/api/categories/by-path/news").retrieve()
                .body(tools.jackson.databind.JsonNode.class).get("id").asString();
        org.springframework.web.client.RestClient editor = org.springframework.web.client.RestClient.builder()
                .baseUrl(system.articlesUrl).defaultHeaders(h -> h.setBasicAuth(EDITOR, EDITOR_PASSWORD)).build();
        String draft = create(editor, tag + " 编辑的草稿", planning);
        String otherCategory = create(system.articles, tag + " 新闻中心的文章", news);
        String viewed = create(system.articles, tag + " 园区规划的文章", planning);
        for (String id : List.of(otherCategory, viewed)) {
            assertThat(system.articles.post().uri("/api/editorial/articles/{id}/publish", id).retrieve()
                    .toBodilessEntity().getStatusCode()).isEqualTo(HttpStatus.OK);
        }
        for (int reader = 1; reader <= 3; reader++) {
            assertThat(system.articles.post().uri("/api/articles/{id}/views", viewed)
                    .header("User-Agent", HeadlessChromium.USER_AGENT).header("X-Forwarded-For", "198.51.100." + reader)
                    .retrieve().toBodilessEntity().getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        }

        browser.get(portal + "/console");
        browser.findElement(By.id("filter-q")).sendKeys(tag);
        clickAndAwaitNewPage(By.id("filter-apply"));
        assertThat(listed()).as(() -> browser.getCurrentUrl() + "\n" + browser.findElement(By.id("desk")).getText())
                .containsExactlyInAnyOrder(draft, otherCategory, viewed);
        assertThat(browser.findElement(By.id("desk-total")).getText()).isEqualTo("(3)");

        new Select(browser.findElement(By.id("filter-status"))).selectByVisibleText("草稿");
        clickAndAwaitNewPage(By.id("filter-apply"));
        assertThat(listed()).containsExactly(draft);
        assertThat(browser.findElements(By.cssSelector("#desk tbody td.status"))).extracting(WebElement::getText)
                .containsOnly("草稿");

        new Select(browser.findElement(By.id("filter-status"))).selectByVisibleText("全部");
        new Select(browser.findElement(By.id("filter-category"))).selectByVisibleText("新闻中心 / 园区规划");
        clickAndAwaitNewPage(By.id("filter-apply"));
        assertThat(listed()).containsExactlyInAnyOrder(draft, viewed);

        browser.findElement(By.id("filter-author")).sendKeys(EDITOR);
        clickAndAwaitNewPage(By.id("filter-apply"));
        assertThat(listed()).containsExactly(draft);

        // most views first: stats-service counts the three readers, the desk polls its counts
        browser.get(portal + "/console?sort=views&q=" + java.net.URLEncoder.encode(tag,
                java.nio.charset.StandardCharsets.UTF_8));
        await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            browser.navigate().refresh();
            assertThat(listed()).first().isEqualTo(viewed);
            assertThat(browser.findElement(By.cssSelector("#desk tbody tr td.views")).getText()).isEqualTo("3");
        });
        assertThat(new Select(browser.findElement(By.id("filter-sort"))).getFirstSelectedOption().getText())
                .isEqualTo("浏览量");
        HeadlessChromium.screenshot(browser, "console-article-list.png");
    }

    private static String create(org.springframework.web.client.RestClient as, String title, String categoryId) {
        var created = as.post().uri("/api/editorial/articles").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("title", title, "body", "<p>正文</p>", "categoryId", categoryId)).retrieve()
                .toEntity(tools.jackson.databind.JsonNode.class);
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return created.getBody().get("id").asString();
    }

    /** The ids of the list's rows, in order. */
    private List<String> listed() {
        return browser.findElements(By.cssSelector("#desk tbody tr")).stream()
                .map(row -> row.getDomAttribute("data-id")).toList();
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private void signIn() {
        browser.get(portal + "/console");
        browser.findElement(By.id("username")).sendKeys(EDITOR);
        browser.findElement(By.id("password")).sendKeys(EDITOR_PASSWORD);
        clickAndAwaitNewPage(By.id("sign-in"));
        assertThat(browser.getCurrentUrl()).startsWith(portal + "/console").doesNotContain("login");
    }

    private void openNewArticle(String title) {
        browser.get(portal + "/console/articles/new");
        browser.findElement(By.name("title")).sendKeys(title);
        new Select(browser.findElement(By.name("categoryId"))).selectByVisibleText("新闻中心 / 园区规划");
        awaitEditor();
    }

    private void awaitEditor() {
        await().atMost(EVENTUALLY).until(() -> Boolean.TRUE.equals(browser.executeScript(
                "return !!(window.tinymce && tinymce.activeEditor && tinymce.activeEditor.initialized)")));
        // The toolbar speaks Chinese: the language pack served from the portal was loaded.
        await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(browser.findElements(
                By.cssSelector(".tox-tinymce button[aria-label='粗体']"))).as((String) browser.executeScript(
                "return Array.from(document.querySelectorAll('.tox-tinymce button')).map(function (b) {"
                        + " return b.getAttribute('aria-label'); }).join('|')")).isNotEmpty());
    }

    /** Chinese text as an input method commits it: the DevTools protocol's Input.insertText, into the editor. */
    private void type(String text) {
        browser.executeScript("tinymce.activeEditor.focus()");
        browser.executeCdpCommand("Input.insertText", Map.of("text", text));
    }

    private void inEditor(java.util.function.Consumer<WebElement> action) {
        browser.switchTo().frame(browser.findElement(By.cssSelector(".tox-edit-area iframe")));
        try {
            WebElement body = browser.findElement(By.id("tinymce"));
            action.accept(body);
        } finally {
            browser.switchTo().defaultContent();
        }
    }

    private void toolbar(String label) {
        browser.findElement(By.cssSelector(".tox-tinymce [aria-label='" + label + "']")).click();
    }

    private static String pngBase64() throws IOException {
        BufferedImage image = new BufferedImage(240, 160, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(30, 90, 160));
        g.fillRect(0, 0, 240, 160);
        g.setColor(Color.ORANGE);
        g.fillOval(60, 30, 120, 100);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

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
}
