package newsroom.localrun;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loads the seed page (demo-content.json: the category tree and the article) through the services' public APIs,
 * exactly as the newsroom would: an admin creates the categories, a writer writes each article and submits it for
 * review, an editor approves it (the seed article keeps the date it first appeared, 2022-01-07). A few
 * extra articles, marked as generated, give the listings and "related articles" something to show. Public for the
 * browser tests in system-tests, which load the same seed page.
 *
 * <p>Each account signs in once at article-service ({@code POST /api/auth/token}) and every call after that carries
 * its bearer token, category-service's included (it checks article-service's tokens against the published keys):
 * one password check per account instead of one per call.
 */
public final class DemoLoader {

    private static final Duration WAIT_FOR_CATEGORY = Duration.ofSeconds(60);

    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();
    private final String categoryService;
    private final String articleService;
    private final Credentials adminCredentials;
    private final Credentials writerCredentials;
    private final Credentials editorCredentials;
    private String admin;
    private String writer;
    private String editor;

    private record Credentials(String username, String password) {
    }

    /** Everything done as the admin (roles nest: an admin may also write and review). */
    public DemoLoader(HttpClient http, String categoryService, String articleService, String adminUser,
            String password) {
        this(http, categoryService, articleService, new Credentials(adminUser, password),
                new Credentials(adminUser, password), new Credentials(adminUser, password));
    }

    private DemoLoader(HttpClient http, String categoryService, String articleService, Credentials admin,
            Credentials writer, Credentials editor) {
        this.http = http;
        this.categoryService = categoryService;
        this.articleService = articleService;
        this.adminCredentials = admin;
        this.writerCredentials = writer;
        this.editorCredentials = editor;
    }

    /** Articles written by one account and reviewed by another, as in the newsroom. */
    public DemoLoader withWorkflowAccounts(String writerUser, String writerPassword, String editorUser,
            String editorPassword) {
        return new DemoLoader(http, categoryService, articleService, adminCredentials,
                new Credentials(writerUser, writerPassword), new Credentials(editorUser, editorPassword));
    }

    /**
     * Signs in at article-service once; the answer is the Authorization header of every later call. Asynchronous, so
     * the accounts sign in side by side: each is a password hash check, the costliest call of the demo on services
     * that have just started.
     */
    private CompletableFuture<String> signIn(Credentials account) {
        String basic = "Basic " + Base64.getEncoder().encodeToString((account.username() + ":" + account.password())
                .getBytes(StandardCharsets.UTF_8));
        return http.sendAsync(request(articleService + "/api/auth/token", basic, null),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).thenApply(response -> {
                    expect(response, 200);
                    return "Bearer " + json.readTree(response.body()).get("access_token").asString();
                });
    }

    /** Returns the id of the seed article and of its category. */
    public Map<String, String> load() throws IOException, InterruptedException {
        CompletableFuture<String> adminToken = signIn(adminCredentials);
        CompletableFuture<String> writerToken = signIn(writerCredentials);
        CompletableFuture<String> editorToken = signIn(editorCredentials);
        try {
            admin = adminToken.get();
            writer = writerToken.get();
            editor = editorToken.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
        JsonNode demo;
        try (InputStream in = DemoLoader.class.getResourceAsStream("/demo/demo-content.json")) {
            demo = json.readTree(in);
        }
        Map<String, String> categoryIds = new LinkedHashMap<>();
        for (JsonNode category : demo.get("categories")) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", category.get("name").asString());
            body.put("slug", category.get("slug").asString());
            body.put("sortOrder", category.get("sortOrder").asInt());
            JsonNode parent = category.get("parent");
            if (parent != null && !parent.isNull()) {
                body.put("parentId", categoryIds.get(parent.asString()));
            }
            JsonNode created = post(categoryService + "/api/categories", admin, body, 201);
            categoryIds.put(category.get("slug").asString(), created.get("id").asString());
        }

        Map<String, String> result = new LinkedHashMap<>();
        JsonNode seed = demo.get("articles").get(0);
        String seedCategory = categoryIds.get(seed.get("category").asString());
        String seedId = publishArticle(Map.of(
                "title", seed.get("title").asString(),
                "summary", seed.get("summary").asString(),
                "body", bodyHtml(seed.get("body")),
                "source", seed.get("source").asString(),
                "keywords", strings(seed.get("keywords")),
                "categoryId", seedCategory),
                OffsetDateTime.parse(seed.get("publishedAt").asString()).toInstant());
        result.put("articleId", seedId);
        result.put("categoryId", seedCategory);

        for (GeneratedArticle generated : GeneratedArticle.ALL) {
            publishArticle(Map.of(
                    "title", generated.title(),
                    "summary", generated.summary() + "(演示生成内容)",
                    "body", "<p>" + generated.summary() + "</p><p>本文为 Newsroom 演示自动生成的内容,并非原网页文章。</p>",
                    "source", "Newsroom 演示数据(生成)",
                    "keywords", generated.keywords(),
                    "categoryId", categoryIds.get(generated.categorySlug())), null);
        }
        return result;
    }

    /** Writer drafts and submits; editor approves (publishes now), keeping an original date when there is one. */
    private String publishArticle(Map<String, Object> draft, Instant originallyPublishedAt)
            throws IOException, InterruptedException {
        // article-service learns categories from the category-changed topic; until it has, the category is unknown.
        long deadline = System.nanoTime() + WAIT_FOR_CATEGORY.toNanos();
        HttpResponse<String> created;
        while (true) {
            created = send(articleService + "/api/editorial/articles", writer, draft);
            if (created.statusCode() != 422 || System.nanoTime() > deadline) {
                break;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        expect(created, 201);
        String id = json.readTree(created.body()).get("id").asString();
        String article = articleService + "/api/editorial/articles/" + id;
        expect(send(article + "/submit", writer, null), 200);
        Map<String, Object> decision = new LinkedHashMap<>();
        decision.put("note", "演示数据");
        if (originallyPublishedAt != null) {
            decision.put("originallyPublishedAt", originallyPublishedAt.toString());
        }
        expect(send(article + "/approve", editor, decision), 200);
        return id;
    }

    private JsonNode post(String url, String authorization, Object body, int expected)
            throws IOException, InterruptedException {
        HttpResponse<String> response = send(url, authorization, body);
        expect(response, expected);
        return json.readTree(response.body());
    }

    private HttpResponse<String> send(String url, String authorization, Object body)
            throws IOException, InterruptedException {
        return http.send(request(url, authorization, body), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpRequest request(String url, String authorization, Object body) {
        return HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .header("Authorization", authorization)
                .timeout(Duration.ofSeconds(30))
                .POST(body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body), StandardCharsets.UTF_8))
                .build();
    }

    private static void expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException("Loading the demo failed: " + response.request().method() + " "
                    + response.uri() + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** The seed body is a list of headings and paragraphs; the article body is HTML. */
    static String bodyHtml(JsonNode blocks) {
        StringBuilder html = new StringBuilder();
        for (JsonNode block : blocks) {
            String tag = "heading".equals(block.get("type").asString()) ? "h3" : "p";
            html.append('<').append(tag).append('>').append(escape(block.get("text").asString()))
                    .append("</").append(tag).append('>');
        }
        return html.toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asString()));
        return values;
    }

    /** Extra demo articles. Clearly generated: the title says so, and so do source and body. */
    record GeneratedArticle(String categorySlug, String title, String summary, List<String> keywords) {

        static final List<GeneratedArticle> ALL = List.of(
                new GeneratedArticle("park-planning", "【演示】园区数字化转型的五个抓手",
                        "从数据底座到场景开放,梳理园区推进数字化转型的常见做法。", List.of("数字经济", "智改数转")),
                new GeneratedArticle("park-planning", "【演示】产业创新集群与园区空间规划",
                        "产业创新集群对园区用地、配套与交通规划提出的新要求。", List.of("产业创新集群", "园区规划")),
                new GeneratedArticle("park-planning", "【演示】苏州工业园区营商环境观察",
                        "以苏州工业园区为例,观察营商环境建设的经验。", List.of("苏州工业园区")),
                new GeneratedArticle("industrial-planning", "【演示】生物医药产业规划要点",
                        "生物医药产业链的规划思路与园区承载能力。", List.of("生物医药", "产业创新集群")),
                new GeneratedArticle("industrial-planning", "【演示】人工智能产业生态如何构建",
                        "人工智能产业生态的关键要素与地方实践。", List.of("人工智能", "数字经济")),
                new GeneratedArticle("tech-innovation", "【演示】纳米技术应用的产业化路径",
                        "纳米技术从实验室走向产业化的几个阶段。", List.of("纳米技术")));
    }
}
