package newsroom.article;

import static newsroom.article.Newsroom.action;
import static newsroom.article.Newsroom.createId;
import static newsroom.article.Newsroom.draft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import newsroom.article.categories.KnownCategory;
import newsroom.contracts.Topics;
import newsroom.testing.InProcessInfrastructure;
import newsroom.testing.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * "Missed schedule": the service is not running when an article falls due. The schedule lives in the database, not
 * in a timer of the process that accepted it, so the next process to start publishes it — late, and says how late.
 */
class MissedScheduleAfterRestartIntegrationTests {

    static final String CATEGORY = "9600";

    static ConfigurableApplicationContext start(String mongoUri, String group) {
        return new SpringApplicationBuilder(ArticleServiceApplication.class).run(
                "--server.port=0",
                "--spring.mongodb.uri=" + mongoUri,
                "--spring.cloud.stream.kafka.binder.brokers=" + InProcessInfrastructure.kafkaBootstrapServers(),
                "--spring.kafka.bootstrap-servers=" + InProcessInfrastructure.kafkaBootstrapServers(),
                // Its own consumer group, so it does not take category partitions from the other test contexts.
                "--spring.cloud.stream.bindings.categoryChanged-in-0.group=" + group,
                "--logging.level.org.apache.kafka=WARN", "--logging.level.kafka=WARN");
    }

    static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    @Test
    void anArticleThatFellDueWhileTheServiceWasDownIsPublishedWhenItStartsAgain() {
        String mongoUri = InProcessInfrastructure.freshMongoUri("article-restart");
        String group = "article-service-restart-" + UUID.randomUUID();
        String id;
        Instant due;
        try (ConfigurableApplicationContext first = start(mongoUri, group)) {
            first.getBean(MongoTemplate.class).save(new KnownCategory(CATEGORY, 1, "重启测试", "restart", null,
                    List.of(CATEGORY), false, false));
            int port = port(first);
            id = createId(Newsroom.editor(port), draft(CATEGORY, Map.of("title", "停机期间到期")));
            due = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.MILLIS);
            assertThat(action(Newsroom.editor(port), id, "schedule", Map.of("publishAt", due.toString()))
                    .getStatusCode()).isEqualTo(HttpStatus.OK);
        }

        // Every replica is down across the due time.
        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(due.plusSeconds(1)));
        String database = mongoUri.substring(mongoUri.lastIndexOf('/') + 1);
        try (MongoClient client = MongoClients.create(mongoUri)) {
            Document stored = client.getDatabase(database).getCollection("articles").find(Filters.eq("_id", id))
                    .first();
            assertThat(stored.getString("status")).isEqualTo("SCHEDULED");
        }

        Instant restartedAt = Instant.now();
        try (ConfigurableApplicationContext second = start(mongoUri, group);
             TopicProbe probe = new TopicProbe(Topics.ARTICLE_LIFECYCLE)) {
            int port = port(second);
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    Newsroom.read(Newsroom.anonymous(port), id).getStatusCode() == HttpStatus.OK);
            Instant visibleAt = Instant.now();

            ConsumerRecord<String, String> event = probe.awaitRecord(r -> id.equals(r.key()));
            JsonNode published = JsonMapper.builder().build().readTree(event.value());
            assertThat(published.get("scheduledFor").asText()).isEqualTo(due.toString());
            assertThat(published.get("latenessMillis").asLong()).isGreaterThanOrEqualTo(1000);
            org.slf4j.LoggerFactory.getLogger(getClass()).info("Published {} ms after its due time; readable {} ms "
                    + "after the restart began", published.get("latenessMillis").asLong(),
                    Duration.between(restartedAt, visibleAt).toMillis());
            assertThat(Instant.parse(published.get("article").get("publishedAt").asText())).isEqualTo(due);

            String metrics = Newsroom.admin(port).get().uri("/actuator/prometheus").retrieve().body(String.class);
            assertThat(metrics).containsPattern("newsroom_schedule_lateness_seconds_count(\\{[^}]*})? 1(\\.0)?\\s")
                    .containsPattern("newsroom_schedule_lateness_seconds_max(\\{[^}]*})? [1-9]");
        }
    }
}
