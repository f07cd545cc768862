package newsroom.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import newsroom.contracts.CloudEventHeaders;
import newsroom.contracts.EventTypes;
import newsroom.contracts.Topics;
import newsroom.testing.InProcessInfrastructure;
import newsroom.testing.TopicProbe;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every metric a Grafana dashboard in deploy/grafana/dashboards queries is exported by a running service. The three
 * services and the portal run together and are exercised the way the dashboards' panels need (an article published
 * and listed, readers' views with a bot and a refresh among them, a poison view on the dead-letter topic); then each
 * one's /actuator/prometheus is scraped as Prometheus does it (no credentials) and every metric name in every panel's
 * PromQL must be among the series they export, under exactly that name (a histogram panel's {@code _bucket} series
 * only exist when the timer publishes a histogram, a counter's samples end in {@code _total}).
 */
class DashboardMetricsIntegrationTests {

    private static final Logger log = LoggerFactory.getLogger(DashboardMetricsIntegrationTests.class);
    private static final Path DASHBOARDS = Path.of("..", "deploy", "grafana", "dashboards");
    private static final Duration EVENTUALLY = Duration.ofSeconds(60);
    private static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/120.0.0.0 Safari/537.36";
    private static final String GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

    @Test
    void everyMetricTheDashboardsQueryIsExportedByARunningService() throws IOException {
        Map<String, Set<String>> queried = dashboardMetrics();
        assertThat(queried).as("metric names found in the dashboards' queries").isNotEmpty();
        log.info("The dashboards query {} metrics: {}", queried.size(), queried.keySet());

        try (RunningSystem system = new RunningSystem(InProcessInfrastructure.kafkaBootstrapServers(),
                InProcessInfrastructure.mongo().getConnectionString())) {
            system.startPortal();
            exercise(system);

            Map<String, Set<String>> exportedBy = new TreeMap<>();
            system.runningUrls().forEach((service, url) -> scrape(url).forEach(
                    name -> exportedBy.computeIfAbsent(name, n -> new TreeSet<>()).add(service)));
            assertThat(system.runningUrls()).containsOnlyKeys(RunningSystem.ARTICLE_SERVICE,
                    RunningSystem.CATEGORY_SERVICE, RunningSystem.STATS_SERVICE, RunningSystem.PORTAL);

            List<String> missing = new ArrayList<>();
            queried.forEach((metric, panels) -> {
                Set<String> services = exportedBy.get(metric);
                if (services == null) {
                    missing.add(metric + " (queried by " + panels + ")" + hint(metric, exportedBy.keySet()));
                } else {
                    log.info("{} is exported by {}", metric, services);
                }
            });
            assertThat(missing).as("metrics the dashboards query that no running service exports").isEmpty();
        }
    }

    /** Metric name to the panels ("dashboard / panel") whose queries use it, from every dashboard file. */
    static Map<String, Set<String>> dashboardMetrics() throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        Map<String, Set<String>> metrics = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> listing = Files.list(DASHBOARDS)) {
            files = listing.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).as("dashboards in " + DASHBOARDS.toAbsolutePath().normalize()).isNotEmpty();
        for (Path file : files) {
            JsonNode dashboard = json.readTree(file.toFile());
            String title = dashboard.path("title").asString(file.getFileName().toString());
            List<JsonNode> panels = new ArrayList<>();
            collectPanels(dashboard.path("panels"), panels);
            assertThat(panels).as("panels of " + file).isNotEmpty();
            for (JsonNode panel : panels) {
                for (JsonNode target : panel.path("targets").values()) {
                    String expr = target.path("expr").asString("");
                    if (expr.isBlank()) {
                        continue;
                    }
                    List<String> names = metricNames(expr);
                    assertThat(names).as("metric names in " + expr).isNotEmpty();
                    names.forEach(name -> metrics.computeIfAbsent(name, n -> new TreeSet<>())
                            .add(title + " / " + panel.path("title").asString("?")));
                }
            }
        }
        return metrics;
    }

    /** Panels, including those nested in (collapsed) rows. */
    private static void collectPanels(JsonNode panels, List<JsonNode> into) {
        for (JsonNode panel : panels.values()) {
            into.add(panel);
            collectPanels(panel.path("panels"), into);
        }
    }

    private static final Set<String> PROMQL_WORDS = Set.of("sum", "min", "max", "avg", "group", "stddev", "stdvar",
            "count", "count_values", "bottomk", "topk", "quantile", "by", "without", "on", "ignoring", "group_left",
            "group_right", "and", "or", "unless", "bool", "offset", "inf", "nan");
    private static final Pattern IDENTIFIER = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?");

    /**
     * The metric names a PromQL expression reads: identifiers that are not function calls, keywords, label names in
     * matchers or grouping clauses, durations or Grafana variables (as deploy/observability-validate.mjs reads them).
     */
    static List<String> metricNames(String expr) {
        String s = expr
                .replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`", "\"\"") // string literals
                .replaceAll("\\{[^}]*}", " ") // label matchers
                .replaceAll("\\[[^\\]]*\\]", " ") // range selectors and subqueries
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ") // grouping
                .replaceAll("\\$\\{?\\w+}?", " "); // Grafana variables ($__rate_interval, ${x})
        Set<String> names = new LinkedHashSet<>();
        Matcher m = IDENTIFIER.matcher(s);
        while (m.find()) {
            String word = m.group(1);
            if (m.group(2) != null || PROMQL_WORDS.contains(word.toLowerCase()) || word.matches("e\\d+")) {
                continue;
            }
            if (m.start() > 0 && Character.isDigit(s.charAt(m.start() - 1))) {
                continue; // the exponent or unit of a number literal
            }
            names.add(word);
        }
        return List.copyOf(names);
    }

    @Test
    void metricNamesAreReadFromPromqlAsTheValidatorReadsThem() {
        assertThat(metricNames("sum by (application, status) (rate(http_server_requests_seconds_count"
                + "{uri!~\"/actuator.*\", status=~\"5..\"}[$__rate_interval]))"))
                .containsExactly("http_server_requests_seconds_count");
        assertThat(metricNames("histogram_quantile(0.95, sum by (le) (rate(newsroom_publish_to_listed_seconds_bucket"
                + "[$__rate_interval])))")).containsExactly("newsroom_publish_to_listed_seconds_bucket");
        assertThat(metricNames("sum(rate(a_sum[5m])) / sum(rate(a_count[5m])) > 0 and on (x) b"))
                .containsExactly("a_sum", "a_count", "b");
        assertThat(metricNames("sum by (application, instance) (jvm_memory_max_bytes{area=\"heap\"} > 0)"))
                .containsExactly("jvm_memory_max_bytes");
        assertThat(metricNames("max by (group, topic) (spring_cloud_stream_binder_kafka_offset) * 1e3"))
                .containsExactly("spring_cloud_stream_binder_kafka_offset");
    }

    /**
     * Drives what the panels show: publish → listed latency, views received, counted and dropped (bot, refresh),
     * the dead-letter counter, outbox and HTTP traffic on every service including the portal.
     */
    private static void exercise(RunningSystem system) {
        JsonNode category = system.categories.post().uri("/api/categories").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "行业洞见", "slug", "insights-" + System.nanoTime(), "sortOrder", 80))
                .retrieve().body(JsonNode.class);
        String categoryId = category.get("id").asString();
        String[] created = new String[1];
        await().atMost(EVENTUALLY).until(() -> {
            ResponseEntity<JsonNode> draft = system.articles.post().uri("/api/editorial/articles")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("title", "园区数字化转型观察", "summary", "观察", "body", "<p>数字化</p>",
                            "source", "高新院", "keywords", List.of("数字化"), "categoryId", categoryId))
                    .retrieve().toEntity(JsonNode.class);
            if (draft.getStatusCode() == HttpStatus.CREATED) {
                created[0] = draft.getBody().get("id").asString();
                return true;
            }
            return false;
        });
        String articleId = created[0];
        assertThat(system.articles.post().uri("/api/editorial/articles/{id}/publish", articleId).retrieve()
                .toBodilessEntity().getStatusCode()).isEqualTo(HttpStatus.OK);
        await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(system.categories.get()
                .uri("/api/categories/{id}/articles", categoryId).retrieve().body(JsonNode.class)
                .get("items").findValuesAsString("articleId")).containsExactly(articleId));

        // Two readers, the first one twice (a refresh), and a crawler.
        view(system, articleId, "198.51.100.1", CHROME);
        view(system, articleId, "198.51.100.1", CHROME);
        view(system, articleId, "198.51.100.2", CHROME);
        view(system, articleId, "198.51.100.3", GOOGLEBOT);
        // A view that does not read: stats-service writes it to its dead-letter topic and counts it there.
        TopicProbe.send(Topics.ARTICLE_VIEWED, articleId, "{not json",
                Map.of(CloudEventHeaders.TYPE, EventTypes.ARTICLE_VIEWED, CloudEventHeaders.ID, "poison-" + articleId));

        await().atMost(EVENTUALLY).untilAsserted(() -> {
            JsonNode stats = system.stats.get().uri("/api/stats/articles/{id}", articleId).retrieve()
                    .body(JsonNode.class);
            assertThat(stats.get("views").asLong()).isEqualTo(2);
            assertThat(stats.get("bots").asLong()).isEqualTo(1);
            assertThat(stats.get("refreshes").asLong()).isEqualTo(1);
            assertThat(sampleValue(scrapeText(system.statsUrl), "newsroom_dlq_records_total",
                    "topic=\"article-viewed\"")).isGreaterThanOrEqualTo(1);
        });
        assertThat(sampleValue(scrapeText(system.categoriesUrl), "newsroom_publish_to_listed_seconds_count", ""))
                .isGreaterThanOrEqualTo(1);

        RestClient reader = RestClient.builder().baseUrl(system.portalUrl())
                .defaultStatusHandler(status -> true, (request, response) -> { }).build();
        assertThat(reader.get().uri("/").retrieve().toBodilessEntity().getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(reader.get().uri("/articles/{id}", articleId).retrieve().toBodilessEntity().getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    private static void view(RunningSystem system, String articleId, String reader, String userAgent) {
        assertThat(system.articles.post().uri("/api/articles/{id}/views", articleId)
                .header("User-Agent", userAgent).header("X-Forwarded-For", reader)
                .retrieve().toBodilessEntity().getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
    }

    /** /actuator/prometheus as Prometheus scrapes it: no credentials, the classic text format. */
    private static String scrapeText(String url) {
        ResponseEntity<String> scraped = RestClient.builder().baseUrl(url)
                .defaultStatusHandler(status -> true, (request, response) -> { }).build()
                .get().uri("/actuator/prometheus").header("Accept", "text/plain;version=0.0.4")
                .retrieve().toEntity(String.class);
        assertThat(scraped.getStatusCode()).as("GET " + url + "/actuator/prometheus without credentials")
                .isEqualTo(HttpStatus.OK);
        return scraped.getBody();
    }

    /** The names of the series a service exports. */
    private static Set<String> scrape(String url) {
        Set<String> names = new TreeSet<>();
        for (String line : scrapeText(url).split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int end = 0;
            while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                end++;
            }
            names.add(line.substring(0, end));
        }
        assertThat(names).as("series exported by " + url).isNotEmpty();
        return names;
    }

    /** The sum of a metric's samples whose labels contain {@code labels}. */
    private static double sampleValue(String scraped, String metric, String labels) {
        double sum = 0;
        for (String line : scraped.split("\n")) {
            if ((line.startsWith(metric + "{") || line.startsWith(metric + " ")) && line.contains(labels)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /** What a missing metric's family is exported as, if anything: a counter without _total, a timer without buckets. */
    private static String hint(String metric, Set<String> exported) {
        String family = metric.replaceAll("_(bucket|count|sum|total|max|created)$", "");
        List<String> related = exported.stream().filter(n -> n.equals(family) || n.startsWith(family + "_")).toList();
        return related.isEmpty() ? "; nothing of that family is exported"
                : "; the family is exported only as " + related;
    }
}
