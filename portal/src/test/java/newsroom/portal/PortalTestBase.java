package newsroom.portal;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import newsroom.contracts.EventTypes;
import newsroom.contracts.Topics;
import newsroom.portal.backend.CategoryDirectory;
import newsroom.portal.changes.Change;
import newsroom.testing.InProcessInfrastructureInitializer;
import newsroom.testing.TopicProbe;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JCircuitBreakerFactory;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The portal on a random port in front of three {@link FakeService}s, with short timeouts, listening to the
 * in-process Kafka broker for article and category events ({@link #announce}). Each test starts with closed circuit
 * breakers, empty caches (navigation, articles, rendered pages) and fakes that know nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = InProcessInfrastructureInitializer.class)
abstract class PortalTestBase {

    static final FakeService ARTICLES = new FakeService();
    static final FakeService CATEGORIES = new FakeService();
    static final FakeService STATS = new FakeService();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("portal.services.article-url", ARTICLES::url);
        registry.add("portal.services.category-url", CATEGORIES::url);
        registry.add("portal.services.stats-url", STATS::url);
        registry.add("portal.services.read-timeout", () -> "500ms");
        // Events a test writes before the portal's consumers are assigned are read all the same.
        registry.add("spring.cloud.stream.kafka.bindings.articleLifecycle-in-0.consumer.start-offset", () -> "earliest");
        registry.add("spring.cloud.stream.kafka.bindings.categoryChanged-in-0.consumer.start-offset", () -> "earliest");
    }

    @LocalServerPort
    int port;

    @Autowired
    Resilience4JCircuitBreakerFactory breakers;

    @Autowired
    CategoryDirectory categories;

    @Autowired
    ApplicationEventPublisher events;

    HttpClient browser;

    @BeforeEach
    void freshStart() {
        ARTICLES.reset();
        CATEGORIES.reset();
        STATS.reset();
        breakers.getCircuitBreakerRegistry().getAllCircuitBreakers().forEach(b -> b.reset());
        // What the portal does with a record it cannot read: every cache drops everything.
        events.publishEvent(new Change.UnreadableChange("test", "fresh start"));
        browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    }

    void seedServices(String body) {
        ARTICLES.on("GET", "/api/articles/1", FakeService.Reply.json(Seed.article(body)));
        ARTICLES.on("GET", "/api/articles/1/related", FakeService.Reply.json(Seed.related()));
        CATEGORIES.on("GET", "/api/categories/13/breadcrumb", FakeService.Reply.json(Seed.breadcrumb()));
        CATEGORIES.on("GET", "/api/categories/13/siblings", FakeService.Reply.json(Seed.siblings()));
        STATS.on("GET", "/api/stats/articles/1", FakeService.Reply.json(Seed.views(41)));
    }

    /** Writes an article-service event to article-lifecycle, as its outbox would. */
    static void announceArticle(String type, String articleId, long revision) {
        String payload = EventTypes.ARTICLE_UNPUBLISHED.equals(type)
                ? "{\"articleId\":\"%s\",\"revision\":%d,\"categoryId\":\"13\",\"occurredAt\":\"2026-01-01T00:00:00Z\"}"
                : "{\"articleId\":\"%s\",\"revision\":%d,\"article\":{\"title\":\"t\",\"categoryId\":\"13\"},"
                        + "\"occurredAt\":\"2026-01-01T00:00:00Z\"}";
        announce(Topics.ARTICLE_LIFECYCLE, articleId, type, payload.formatted(articleId, revision));
    }

    /** Writes a category-service snapshot to category-changed. */
    static void announceCategory(String categoryId, String name, long revision) {
        announce(Topics.CATEGORY_CHANGED, categoryId, EventTypes.CATEGORY_CHANGED,
                ("{\"categoryId\":\"%s\",\"revision\":%d,\"change\":\"RENAMED\",\"name\":\"%s\",\"slug\":\"c\","
                        + "\"parentId\":\"1\",\"path\":[\"1\",\"%s\"],\"sortOrder\":1,\"hidden\":false,"
                        + "\"deleted\":false,\"occurredAt\":\"2026-01-01T00:00:00Z\"}")
                        .formatted(categoryId, revision, name, categoryId));
    }

    private static void announce(String topic, String key, String type, String payload) {
        TopicProbe.send(topic, key, payload, Map.of("ce_type", type, "ce_id", java.util.UUID.randomUUID().toString(),
                "ce_source", "/test", "ce_specversion", "1.0", "content-type", "application/json"));
    }

    HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(20)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    HttpResponse<String> post(String path, String contentType, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    HttpResponse<String> postForm(String path, Map<String, String> fields) {
        String form = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return post(path, "application/x-www-form-urlencoded", form);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return browser.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
