package newsroom.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import newsroom.article.ArticleServiceApplication;
import newsroom.category.CategoryServiceApplication;
import newsroom.portal.PortalApplication;
import newsroom.stats.StatsServiceApplication;
import newsroom.testing.ReservedPorts;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;

/**
 * The three services as three Spring applications in this JVM, each with its own configuration file (the one it
 * ships), its own database and a port of its own, connected only through the given Kafka broker — as in production.
 * {@link #startPortal()} adds the portal in front of them, configured with the services' addresses and the broker as
 * an operator would (ARTICLE_SERVICE_URL and friends, here as command-line overrides). {@link #stop(String)} and
 * {@link #startAgain(String)} stop a service and start it again on the same port with the same database, as an
 * orchestrator restarts a container.
 */
final class RunningSystem implements AutoCloseable {

    static final String ADMIN_PASSWORD = "system-test-admin";
    static final String CATEGORY_SERVICE = "category-service";
    static final String ARTICLE_SERVICE = "article-service";
    static final String STATS_SERVICE = "stats-service";
    static final String PORTAL = "portal";

    /** One service of this system: what it takes to start it again as it was. */
    private static final class Service {
        final Class<?> application;
        final String mongoUri;
        final String[] arguments;
        final int port;
        ConfigurableApplicationContext context;

        Service(Class<?> application, String mongoUri, ConfigurableApplicationContext context, String... arguments) {
            this.application = application;
            this.mongoUri = mongoUri;
            this.arguments = arguments;
            this.context = context;
            this.port = port(context);
        }
    }

    private final String kafkaBrokers;
    private final Map<String, Service> services = new LinkedHashMap<>();
    final RestClient articles;
    final RestClient categories;
    final RestClient stats;
    final String categoriesUrl;
    final String articlesUrl;
    final String statsUrl;
    private String portalUrl;

    RunningSystem(String kafkaBrokers, String mongoBaseUri) {
        this.kafkaBrokers = kafkaBrokers;
        String run = UUID.randomUUID().toString().substring(0, 8);
        // article-service signs the tokens the others check against its JWK Set, fetched on first use: they need its
        // address before it runs, so its port is chosen first.
        int articlePort = ReservedPorts.next();
        // article-service's desk polls stats-service's counted views: it too needs an address chosen beforehand.
        int statsPort = ReservedPorts.next();
        String jwks = "--newsroom.security.tokens.jwk-set-uri=" + url(articlePort) + "/oauth2/jwks";
        try {
            categoriesUrl = start(CategoryServiceApplication.class, CATEGORY_SERVICE,
                    mongoBaseUri + "/system-category-" + run, jwks);
            articlesUrl = start(ArticleServiceApplication.class, ARTICLE_SERVICE,
                    mongoBaseUri + "/system-article-" + run, "--server.port=" + articlePort,
                    "--newsroom.desk.stats-url=" + url(statsPort), "--newsroom.desk.views-interval=1s");
            statsUrl = start(StatsServiceApplication.class, STATS_SERVICE, mongoBaseUri + "/system-stats-" + run,
                    jwks, "--server.port=" + statsPort);
        } catch (RuntimeException failedToStart) {
            // Nobody can close a system whose constructor threw: the services already running would stay in this
            // JVM, their consumers in the services' groups, taking partitions from the next test's services.
            close();
            throw failedToStart;
        }
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
                // It hears article-lifecycle and category-changed, to drop the pages they make stale.
                "--spring.cloud.stream.kafka.binder.brokers=" + kafkaBrokers,
                "--logging.level.org.apache.kafka=WARN",
                // This JVM's classpath also holds the services' shared platform; the portal jar has none of it.
                "--spring.autoconfigure.exclude=newsroom.platform.PlatformAutoConfiguration,"
                        + "newsroom.platform.security.NewsroomSecurityAutoConfiguration");
        services.put(PORTAL, new Service(PortalApplication.class, null, context));
        portalUrl = url(port(context));
        return portalUrl;
    }

    String portalUrl() {
        return portalUrl;
    }

    /** The address of every service running now (and the portal, if started), by module name. */
    Map<String, String> runningUrls() {
        Map<String, String> urls = new LinkedHashMap<>();
        services.forEach((module, service) -> {
            if (service.context != null && service.context.isActive()) {
                urls.put(module, url(service.port));
            }
        });
        return urls;
    }

    /** Stops one service (closes its application context: graceful shutdown, its consumers leave their groups). */
    void stop(String module) {
        Service service = services.get(module);
        service.context.close();
        service.context = null;
    }

    /** Starts a stopped service again: a new application context on the same port, with the same database. */
    void startAgain(String module) {
        Service service = services.get(module);
        if (service.context != null) {
            throw new IllegalStateException(module + " is running");
        }
        String[] arguments = Arrays.copyOf(service.arguments, service.arguments.length + 1);
        arguments[arguments.length - 1] = "--server.port=" + service.port;
        service.context = launch(service.application, module, kafkaBrokers, service.mongoUri, arguments);
    }

    /** The running application context of a service, for a test that needs to look inside (metrics, beans). */
    ConfigurableApplicationContext context(String module) {
        return services.get(module).context;
    }

    private String start(Class<?> application, String module, String mongoUri, String... extraArguments) {
        ConfigurableApplicationContext context = launch(application, module, kafkaBrokers, mongoUri, extraArguments);
        Service service = new Service(application, mongoUri, context, extraArguments);
        services.put(module, service);
        return url(service.port);
    }

    /**
     * Starts one service as its own Spring application, with the configuration file it ships and operator-style
     * overrides on the command line (they outrank the file). {@code extraArguments} ({@code --name=value}) are added,
     * or replace the default of the same name: a name given twice would be read as a list.
     */
    static ConfigurableApplicationContext launch(Class<?> application, String module, String kafkaBrokers,
            String mongoUri, String... extraArguments) {
        Path config = Path.of("..", module, "src", "main", "resources", "application.yml").toAbsolutePath();
        Map<String, String> arguments = new LinkedHashMap<>();
        arguments.put("spring.config.location", "file:" + config);
        arguments.put("server.port", "0");
        arguments.put("spring.cloud.stream.kafka.binder.brokers", kafkaBrokers);
        arguments.put("spring.mongodb.uri", mongoUri);
        arguments.put("NEWSROOM_ADMIN_PASSWORD", ADMIN_PASSWORD);
        arguments.put("logging.level.org.apache.kafka", "WARN");
        arguments.put("logging.level.kafka", "WARN");
        arguments.put("logging.level.state.change.logger", "WARN");
        for (String extra : extraArguments) {
            int equals = extra.indexOf('=');
            if (!extra.startsWith("--") || equals < 0) {
                throw new IllegalArgumentException("Not --name=value: " + extra);
            }
            arguments.put(extra.substring(2, equals), extra.substring(equals + 1));
        }
        return new SpringApplicationBuilder(application).run(arguments.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }

    static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    static String url(int port) {
        return "http://localhost:" + port;
    }

    /** A client that signs in as the built-in admin and hands every response back, whatever its status. */
    static RestClient client(String url) {
        String basic = Base64.getEncoder()
                .encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        return RestClient.builder().baseUrl(url)
                .defaultHeader("Authorization", "Basic " + basic)
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
    }

    @Override
    public void close() {
        List<Service> started = new ArrayList<>(services.values());
        for (int i = started.size() - 1; i >= 0; i--) {
            if (started.get(i).context != null) {
                started.get(i).context.close();
            }
        }
    }
}
