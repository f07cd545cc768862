package newsroom.examples.analytics;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import newsroom.contracts.Topics;

/**
 * Example analytics consumer: counts article views per article and hour from the {@code article-viewed} topic and
 * prints a table periodically.
 *
 * <pre>
 * java -jar analytics-consumer.jar [--bootstrap-servers localhost:9092] [--group analytics-example]
 *                                  [--report-every-seconds 10]
 * </pre>
 */
public final class AnalyticsConsumer {

    static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";
    static final String DEFAULT_GROUP = "analytics-example";

    private AnalyticsConsumer() {
    }

    /** The command line: {@code --name value} or {@code --name=value}. */
    record Options(String bootstrapServers, String group, Duration reportEvery) {

        static Options parse(String... args) {
            Map<String, String> values = new HashMap<>();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (!arg.startsWith("--")) {
                    throw new IllegalArgumentException("Unexpected argument: " + arg);
                }
                int equals = arg.indexOf('=');
                if (equals > 0) {
                    values.put(arg.substring(2, equals), arg.substring(equals + 1));
                } else if (arg.equals("--help")) {
                    values.put("help", "true");
                } else if (i + 1 < args.length) {
                    values.put(arg.substring(2), args[++i]);
                } else {
                    throw new IllegalArgumentException("Missing value for " + arg);
                }
            }
            if (values.containsKey("help")) {
                throw new IllegalArgumentException("help");
            }
            Options options = new Options(
                    values.getOrDefault("bootstrap-servers", DEFAULT_BOOTSTRAP_SERVERS),
                    values.getOrDefault("group", DEFAULT_GROUP),
                    Duration.ofSeconds(Long.parseLong(values.getOrDefault("report-every-seconds", "10"))));
            values.keySet().removeAll(Set.of("bootstrap-servers", "group", "report-every-seconds"));
            if (!values.isEmpty()) {
                throw new IllegalArgumentException("Unknown option(s): " + values.keySet());
            }
            if (options.group().isBlank()) {
                throw new IllegalArgumentException("--group must not be empty");
            }
            return options;
        }
    }

    public static void main(String[] args) throws InterruptedException {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            if (!"help".equals(e.getMessage())) {
                System.err.println(e.getMessage());
            }
            System.err.println("Usage: analytics-consumer [--bootstrap-servers HOST:PORT,...] [--group GROUP_ID]"
                    + " [--report-every-seconds N]");
            System.err.println("Defaults: --bootstrap-servers " + DEFAULT_BOOTSTRAP_SERVERS + " --group "
                    + DEFAULT_GROUP + " --report-every-seconds 10");
            if (!"help".equals(e.getMessage())) {
                System.exit(2);
            }
            return;
        }

        ViewConsumer consumer = new ViewConsumer(options.bootstrapServers(), options.group(), new ViewAggregator(),
                System.out, options.reportEvery());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            consumer.close();
            try {
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "analytics-consumer-stop"));
        System.out.printf("Reading %s as group %s from %s; Ctrl+C to stop.%n", Topics.ARTICLE_VIEWED,
                options.group(), options.bootstrapServers());
        try {
            consumer.run();
        } finally {
            stopped.countDown();
        }
    }
}
