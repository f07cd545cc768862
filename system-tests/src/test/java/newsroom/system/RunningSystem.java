package newsroom.system;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import newsroom.article.ArticleServiceApplication;
import newsroom.category.CategoryServiceApplication;
import newsroom.portal.PortalApplication;
import newsroom.stats.StatsServiceApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

/**
 * The three services as three Spring applications in this JVM, each with its own configuration file (the one it
 * ships), its own database and a random port, connected only through the given Kafka broker — as in production.
 * {@link #startPortal()} adds the portal in front of them, configured with the services' addresses as an operator
 * would (ARTICLE_SERVICE_URL and friends, here as command-line overrides).
 */
final class RunningSystem implements AutoCloseable {

    static final String ADMIN_PASSWORD = "system-test-admin";

    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    final RestClient articles;
    final RestClient categories;
    final RestClient stats;
    final String categoriesUrl;
    final String articlesUrl;
    final String statsUrl;
    private String portalUrl;

    RunningSystem(String kafkaBrokers, String mongoBaseUri) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        categoriesUrl = url(start(CategoryServiceApplication.class, "category-service", kafkaBrokers,
                mongoBaseUri + "/system-category-" + run));
        articlesUrl = url(start(ArticleServiceApplication.class, "article-service", kafkaBrokers,
                mongoBaseUri + "/system-article-" + run));
        statsUrl = url(start(StatsServiceApplication.class, "stats-service", kafkaBrokers,
                mongoBaseUri + "/system-stats-" + run));
        categories = client(categoriesUrl);
        articles = client(articlesUrl);
        stats = client(statsUrl);
    }

    /** Starts the portal (reader pages and editor console) in front of the three services; returns its address. */
    String startPortal() {
        Path config = Path.of("..", "portal", "src", "main", "resources", "application.yml").toAbsolutePath();
        ConfigurableApplicationContext context = new SpringApplicationBuilder(PortalApplication.class).run(
                "--spring.config.location=file:" + config,
                "--server.port=0",
                "--portal.services.article-url=" + articlesUrl,
                "--portal.services.category-url=" + categoriesUrl,
                "--portal.services.stats-url=" + statsUrl,
                // This JVM's classpath also holds the services' shared platform; the portal jar has none of it.
                "--spring.autoconfigure.exclude=newsroom.platform.PlatformAutoConfiguration,"
                        + "newsroom.platform.security.NewsroomSecurityAutoConfiguration");
        contexts.add(context);
        portalUrl = url(((WebServerApplicationContext) context).getWebServer().getPort());
        return portalUrl;
    }

    String portalUrl() {
        return portalUrl;
    }

    private static String url(int port) {
        return "http://localhost:" + port;
    }

    private int start(Class<?> application, String module, String kafkaBrokers, String mongoUri) {
        Path config = Path.of("..", module, "src", "main", "resources", "application.yml").toAbsolutePath();
        // Command-line arguments: they outrank the configuration file, as they would for an operator.
        ConfigurableApplicationContext context = new SpringApplicationBuilder(application).run(
                "--spring.config.location=file:" + config,
                "--server.port=0",
                "--spring.cloud.stream.kafka.binder.brokers=" + kafkaBrokers,
                "--spring.mongodb.uri=" + mongoUri,
                "--NEWSROOM_ADMIN_PASSWORD=" + ADMIN_PASSWORD,
                "--logging.level.org.apache.kafka=WARN",
                "--logging.level.kafka=WARN",
                "--logging.level.state.change.logger=WARN");
        contexts.add(context);
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private static RestClient client(String url) {
        String basic = Base64.getEncoder()
                .encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        return RestClient.builder().baseUrl(url)
                .defaultHeader("Authorization", "Basic " + basic)
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
    }

    @Override
    public void close() {
        for (int i = contexts.size() - 1; i >= 0; i--) {
            contexts.get(i).close();
        }
    }
}
