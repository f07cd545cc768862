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
import newsroom.portal.backend.CategoryDirectory;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JCircuitBreakerFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The portal on a random port in front of three {@link FakeService}s, with short timeouts. Each test starts with
 * closed circuit breakers, an empty navigation cache and fakes that know nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
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
    }

    @LocalServerPort
    int port;

    @Autowired
    Resilience4JCircuitBreakerFactory breakers;

    @Autowired
    CategoryDirectory categories;

    HttpClient browser;

    @BeforeEach
    void freshStart() {
        ARTICLES.reset();
        CATEGORIES.reset();
        STATS.reset();
        breakers.getCircuitBreakerRegistry().getAllCircuitBreakers().forEach(b -> b.reset());
        categories.evictAll();
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
