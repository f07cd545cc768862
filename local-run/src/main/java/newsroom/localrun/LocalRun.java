package newsroom.localrun;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * The whole system on one machine with only a JDK: Kafka and a MongoDB-compatible store in this JVM, the services as
 * child JVMs (the same jars the containers run), the demo content loaded on first start. Data lives in {@code data/},
 * service logs in {@code logs/}. Ctrl-C stops everything in reverse order.
 */
public final class LocalRun {

    /**
     * Added to every port below ({@code NEWSROOM_PORT_OFFSET}, default 0), so a second local run (another checkout, a
     * benchmark beside a developer's run) can live on the same machine: offset 100 puts the portal on 8180.
     */
    static final int PORT_OFFSET = portOffset(System.getenv("NEWSROOM_PORT_OFFSET"));
    static final int KAFKA_PORT = 29092 + PORT_OFFSET;
    static final int KAFKA_CONTROLLER_PORT = 29093 + PORT_OFFSET;
    static final int MONGO_PORT = 28017 + PORT_OFFSET;
    static final String DEFAULT_ADMIN_PASSWORD = "newsroom-admin";

    /**
     * The services the demo content is loaded through ({@link DemoLoader}), so the first ready is not before they
     * are: they start at normal priority and the others ({@link ServiceProcess#start}'s {@code behind}) take the CPU
     * they leave. On two cores the five JVMs (the launcher's Kafka included) need about 46 CPU seconds to ready; shared
     * evenly, article-service was ready only when the others nearly were, and the demo came after all of it.
     */
    private static final java.util.Set<String> LOADS_THE_DEMO = java.util.Set.of("category-service", "article-service");

    /** Ctrl-C reaches the children too; once stopping, their exits are expected. */
    private static volatile boolean stopping;

    private LocalRun() {
    }

    /**
     * The offset from {@code NEWSROOM_PORT_OFFSET}: unset or blank is 0. Anything that is not a whole number from 0
     * to 30000 (the highest base port, 29093, plus the offset must stay a port) stops the run with a message that
     * names the variable, not a stack trace from a class initialiser.
     */
    static int portOffset(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            int offset = Integer.parseInt(value.trim());
            if (offset >= 0 && offset <= 30_000) {
                return offset;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new IllegalArgumentException("NEWSROOM_PORT_OFFSET must be a whole number from 0 to 30000 (it is "
                + "added to every port: 100 puts the portal on 8180), not '" + value + "'");
    }

    public static void main(String[] args) {
        try {
            run();
        } catch (Exception e) {
            // Kafka's threads would keep this JVM (and the services it started) alive: exit, and the shutdown hook
            // stops whatever was started.
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void run() throws Exception {
        long started = System.nanoTime();
        Path root = Path.of(System.getProperty("newsroom.home", ".")).toAbsolutePath().normalize();
        Path data = Files.createDirectories(root.resolve("data"));
        Path logs = Files.createDirectories(root.resolve("logs"));
        String adminPassword = System.getenv().getOrDefault("NEWSROOM_ADMIN_PASSWORD", DEFAULT_ADMIN_PASSWORD);

        List<ServiceProcess> services = new java.util.concurrent.CopyOnWriteArrayList<>();
        // The services that record their class-data archive in this run: it is put in place once they stopped.
        Map<String, ClassDataArchive> recording = new java.util.concurrent.ConcurrentHashMap<>();
        say("Starting MongoDB-compatible store on 127.0.0.1:" + MONGO_PORT + " (data/mongo) and Kafka (KRaft) on "
                + "127.0.0.1:" + KAFKA_PORT + " (data/kafka) ...");
        Infrastructure infrastructure = Infrastructure.start(data, MONGO_PORT, KAFKA_PORT, KAFKA_CONTROLLER_PORT, 3);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping = true;
            say("Stopping ...");
            for (int i = services.size() - 1; i >= 0; i--) {
                ServiceProcess service = services.get(i);
                ClassDataArchive recorded = recording.get(service.name);
                try {
                    // Writing the archive as it stops takes a JVM seconds, all of them at once after a Ctrl-C
                    // (the terminal signals every process of the run): a busy machine needs more than 20 s.
                    service.stop(recorded == null ? Duration.ofSeconds(20) : Duration.ofMinutes(2));
                    if (recorded != null) {
                        say(recorded.finishRecording()
                                ? "  " + service.name + ": class-data archive recorded; the next start uses it"
                                : "  " + service.name + ": no class-data archive was written; the next start records again");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (IOException e) {
                    say("  " + service.name + ": the class-data archive could not be put in place: " + e.getMessage());
                }
            }
            infrastructure.close();
            say("Stopped. Data is kept in " + data + "; delete that folder to start afresh.");
            stopped.countDown();
        }, "newsroom-stop"));

        Map<ServiceDefinition, Map<String, String>> environments = new java.util.LinkedHashMap<>();
        for (ServiceDefinition service : ServiceDefinition.ALL) {
            environments.put(service, environmentOf(service, data, adminPassword));
        }
        // The services boot while the store and the broker start: a service first talks to them seconds into its
        // start, and its clients wait for them.
        Map<ServiceDefinition, ClassDataArchive> archives = quickStartArchives(root, logs);
        for (ServiceDefinition service : ServiceDefinition.ALL) {
            ClassDataArchive archive = archives.get(service);
            List<String> options = new ArrayList<>(List.of("-Xms" + service.initialHeap()));
            if (archive != null && archive.isCurrent()) {
                options.addAll(archive.options());
            } else if (archive != null) {
                options.addAll(archive.recordingOptions());
                recording.put(service.name(), archive);
            }
            services.add(ServiceProcess.start(service.name(), service.port(), service.maxHeap(),
                    archive == null ? root.resolve(service.jar()) : archive.jar(), options,
                    !LOADS_THE_DEMO.contains(service.name()), logs, environments.get(service)));
            say("Started " + service.name() + " (pid " + services.get(services.size() - 1).pid() + ", logs/"
                    + service.name() + ".log)");
        }
        infrastructure.awaitStarted();
        say("MongoDB and Kafka are up (" + secondsSince(started) + ")");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        // A busy machine (parallel builds, a shared CI box) may need longer: NEWSROOM_READY_TIMEOUT, in seconds.
        Duration readyTimeout = Duration.ofSeconds(
                Long.parseLong(System.getenv().getOrDefault("NEWSROOM_READY_TIMEOUT", "300")));
        // The demo content goes in through category-service and article-service only, so it is loaded as soon as
        // those two are ready, while stats-service and the portal finish starting.
        for (ServiceProcess service : services) {
            if (LOADS_THE_DEMO.contains(service.name)) {
                service.awaitReady(http, readyTimeout);
                say(service.name + " is ready at " + service.url() + " (" + secondsSince(started) + ")");
            }
        }

        Path demoMarker = data.resolve("demo-loaded.properties");
        Properties demo = new Properties();
        if (Files.exists(demoMarker)) {
            try (var in = Files.newBufferedReader(demoMarker, StandardCharsets.UTF_8)) {
                demo.load(in);
            }
        } else {
            say("First start: loading the demo content (the seed page) through the APIs ...");
            Map<String, String> loaded = new DemoLoader(http, url(services, "category-service"),
                    url(services, "article-service"), "admin", adminPassword)
                    // the local profile's demo accounts: a writer drafts and submits, an editor approves
                    .withWorkflowAccounts("writer", "newsroom-writer", "editor", "newsroom-editor")
                    .load();
            demo.putAll(loaded);
            try (var out = Files.newBufferedWriter(demoMarker, StandardCharsets.UTF_8)) {
                demo.store(out, "The demo content was loaded; delete data/ to load it again");
            }
            say("The demo content is loaded (" + secondsSince(started) + ")");
        }

        for (ServiceProcess service : services) {
            if (!LOADS_THE_DEMO.contains(service.name)) {
                service.awaitReady(http, readyTimeout);
                say(service.name + " is ready at " + service.url() + " (" + secondsSince(started) + ")");
            }
        }

        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        String article = demo.getProperty("articleId");
        String category = demo.getProperty("categoryId");
        say("");
        say("Newsroom is up (" + seconds + " s). Ctrl-C stops everything.");
        say("  Open the seed page: " + url(services, "portal") + "/articles/" + article);
        say("  Editor console:     " + url(services, "portal") + "/console");
        for (ServiceDefinition service : ServiceDefinition.ALL) {
            say(String.format("  %-17s http://localhost:%d   %s", service.name(), service.port(), service.about()));
        }
        say("  The seed article:  " + url(services, "article-service") + "/api/articles/" + article);
        say("  Its category:      " + url(services, "category-service") + "/api/categories/" + category
                + "/articles");
        say("  Its breadcrumb:    " + url(services, "category-service") + "/api/categories/" + category
                + "/breadcrumb");
        say("  Its view count:    " + url(services, "stats-service") + "/api/stats/articles/" + article);
        say("  API docs:          " + url(services, "article-service") + "/swagger-ui.html (likewise on the other services)");
        say("  Editor login:      admin / " + (adminPassword.equals(DEFAULT_ADMIN_PASSWORD)
                ? DEFAULT_ADMIN_PASSWORD + " (set NEWSROOM_ADMIN_PASSWORD to change it)" : "(NEWSROOM_ADMIN_PASSWORD)")
                + "; editor / newsroom-editor; writer / newsroom-writer");
        say("  Stats dashboard:   " + url(services, "stats-service") + "/dashboard");
        say("  Kafka: " + LocalKafka.bootstrapServers(KAFKA_PORT) + "   MongoDB: " + LocalMongo.uri(MONGO_PORT, ""));

        Thread watchdog = new Thread(() -> watch(services), "newsroom-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        stopped.await();
    }

    private static Map<String, String> environmentOf(ServiceDefinition service, Path data, String adminPassword) {
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "MONGODB_URI", LocalMongo.serviceUri(MONGO_PORT, "newsroom-" + service.shortName()),
                "KAFKA_BROKERS", LocalKafka.bootstrapServers(KAFKA_PORT),
                "NEWSROOM_ADMIN_PASSWORD", adminPassword,
                "SPRING_PROFILES_ACTIVE", "local"));
        env.putAll(service.extraEnv());
        // Tokens: article-service signs with a key generated once under data/ (so tokens survive a restart);
        // the others check them against its published keys.
        if (service.name().equals("article-service")) {
            env.put("NEWSROOM_TOKEN_KEY_FILE", data.resolve("article-service/token-signing-key.pem").toString());
            // Its search index lives beside the data it indexes; a restart only catches up what changed.
            env.put("NEWSROOM_SEARCH_DIR", data.resolve("search/article-service").toString());
        } else {
            env.put("NEWSROOM_TOKEN_JWK_SET_URI", "http://localhost:" + (8081 + PORT_OFFSET) + "/oauth2/jwks");
        }
        return env;
    }

    /**
     * The class-data archives the services start from ({@link ClassDataArchive}): a current one is used; for a
     * service whose archive a build made stale the jar is extracted (side by side, while the store and the broker
     * start) and this run records the archive, written when the service stops. A service whose jar cannot be
     * extracted starts from its jar as before. {@code NEWSROOM_CDS=off} starts every service from its jar.
     */
    private static Map<ServiceDefinition, ClassDataArchive> quickStartArchives(Path root, Path logs)
            throws IOException, InterruptedException {
        Map<ServiceDefinition, ClassDataArchive> usable = new java.util.concurrent.ConcurrentHashMap<>();
        if ("off".equalsIgnoreCase(System.getenv().getOrDefault("NEWSROOM_CDS", "on"))) {
            return usable;
        }
        List<Thread> extracting = new ArrayList<>();
        for (ServiceDefinition service : ServiceDefinition.ALL) {
            Path jar = root.resolve(service.jar());
            if (!Files.isRegularFile(jar)) {
                continue; // starting it says "build first"
            }
            ClassDataArchive archive = new ClassDataArchive(service.name(), jar);
            if (archive.isCurrent()) {
                usable.put(service, archive);
                continue;
            }
            if (extracting.isEmpty()) {
                say("Recording quick-start class-data archives in this run (once per build; NEWSROOM_CDS=off skips "
                        + "it): they are written when it stops, and the next start needs about half the CPU");
            }
            Thread thread = new Thread(() -> {
                try {
                    if (archive.extract(logs, Duration.ofMinutes(5))) {
                        usable.put(service, archive);
                    } else {
                        say("  " + service.name() + " starts without one; see logs/" + service.name() + "-cds.log");
                    }
                } catch (IOException | InterruptedException e) {
                    say("  " + service.name() + " starts without one: " + e.getMessage());
                }
            }, "cds-" + service.shortName());
            thread.start();
            extracting.add(thread);
        }
        for (Thread thread : extracting) {
            thread.join();
        }
        return usable;
    }

    /** "12.3 s": the time since {@code started} (System.nanoTime()), for the progress lines. */
    private static String secondsSince(long started) {
        return String.format(java.util.Locale.ROOT, "%.1f s", (System.nanoTime() - started) / 1e9);
    }

    /** A service that dies is reported, not silently left dead. */
    private static void watch(List<ServiceProcess> services) {
        List<String> reported = new ArrayList<>();
        while (true) {
            for (ServiceProcess service : services) {
                if (!stopping && !service.isAlive() && !reported.contains(service.name)) {
                    reported.add(service.name);
                    say("!! " + service.name + " stopped unexpectedly; see logs/" + service.name + ".log");
                }
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static String url(List<ServiceProcess> services, String name) {
        return services.stream().filter(s -> s.name.equals(name)).findFirst().orElseThrow().url();
    }

    static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    /**
     * What the local run starts, in start order. Public for system-tests' crash tests, which start the same jars
     * with the same heaps.
     *
     * @param maxHeap     the JVM's {@code -Xmx}: stats-service's user-agent analyser (yauaa) alone holds about 100 MB,
     *                    and counting a backlog holds whole polls, so 256 MB ran out of heap in the crash tests
     * @param initialHeap the JVM's {@code -Xms} in the local run: about what the service holds once started. The heap
     *                    grows only by what a full collection leaves too little of ({@code MinHeapFreeRatio=10}),
     *                    so a service that starts far below its size collects fully again and again on the way:
     *                    stats-service, whose analyser is built from far more garbage than it keeps (about 140 MB
     *                    live, 220 MB committed when ready), made 11 full collections and spent 3.5 CPU seconds
     *                    in them when it started at 64 MB (bench/README.md, "Start-up and memory")
     */
    public record ServiceDefinition(String name, String shortName, int port, String maxHeap, String initialHeap,
            String jar, String about, Map<String, String> extraEnv) {

        public static final List<ServiceDefinition> ALL = List.of(
                new ServiceDefinition("category-service", "category", 8082 + PORT_OFFSET, "256m", "64m",
                        "category-service/target/category-service-exec.jar", "category tree, breadcrumbs, listings",
                        Map.of()),
                new ServiceDefinition("article-service", "article", 8081 + PORT_OFFSET, "256m", "64m",
                        "article-service/target/article-service-exec.jar", "editorial API, reader API, view beacon",
                        // the editors' desk polls stats-service's counted views
                        Map.of("STATS_SERVICE_URL", "http://localhost:" + (8083 + PORT_OFFSET))),
                new ServiceDefinition("stats-service", "stats", 8083 + PORT_OFFSET, "512m", "256m",
                        "stats-service/target/stats-service-exec.jar", "view statistics, dashboard at /dashboard",
                        Map.of()),
                // Last: it only calls the others (over HTTP), so it starts once they are started.
                new ServiceDefinition("portal", "portal", 8080 + PORT_OFFSET, "256m", "64m",
                        "portal/target/portal-exec.jar", "reader pages and the editor console at /console",
                        Map.of("ARTICLE_SERVICE_URL", "http://localhost:" + (8081 + PORT_OFFSET),
                                "CATEGORY_SERVICE_URL", "http://localhost:" + (8082 + PORT_OFFSET),
                                "STATS_SERVICE_URL", "http://localhost:" + (8083 + PORT_OFFSET))));

        /** The definition of the service called {@code name} ("stats-service"). */
        public static ServiceDefinition named(String name) {
            return ALL.stream().filter(s -> s.name.equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("No service called " + name));
        }
    }
}
