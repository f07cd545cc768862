package newsroom.system;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import newsroom.article.ArticleServiceApplication;
import newsroom.category.CategoryServiceApplication;
import newsroom.stats.StatsServiceApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

/**
 * The three services as three Spring applications in this JVM, each with its own configuration file (the one it
 * ships), its own database and a random port, connected only through the given Kafka broker — as in production.
 */
final class RunningSystem implements AutoCloseable {

    static final String ADMIN_PASSWORD = "system-test-admin";

    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    final RestClient articles;
    final RestClient categories;
    final RestClient stats;

    RunningSystem(String kafkaBrokers, String mongoBaseUri) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        categories = client(start(CategoryServiceApplication.class, "category-service", kafkaBrokers,
                mongoBaseUri + "/system-category-" + run));
        articles = client(start(ArticleServiceApplication.class, "article-service", kafkaBrokers,
                mongoBaseUri + "/system-article-" + run));
        stats = client(start(StatsServiceApplication.class, "stats-service", kafkaBrokers,
                mongoBaseUri + "/system-stats-" + run));
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

    private static RestClient client(int port) {
        String basic = Base64.getEncoder()
                .encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        return RestClient.builder().baseUrl("http://localhost:" + port)
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
