package newsroom.article;

import static newsroom.article.Newsroom.createId;
import static newsroom.article.Newsroom.draft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import newsroom.article.categories.CategoryReplica;
import newsroom.article.editorial.Article;
import newsroom.contracts.CloudEventHeaders;
import newsroom.contracts.Topics;
import newsroom.testing.InProcessInfrastructure;
import newsroom.testing.InProcessInfrastructureTest;
import newsroom.testing.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.RestClient;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * No lost events: Kafka is down while editors publish. Publishing still works (the events wait in the articles'
 * outboxes, and failed sends never leave it); once Kafka is back, every event arrives exactly once, in order per
 * article.
 */
@InProcessInfrastructureTest
class OutboxBrokerOutageIntegrationTests {

    private static final org.slf4j.Logger log =
            org.slf4j.LoggerFactory.getLogger(OutboxBrokerOutageIntegrationTests.class);
    static final String CATEGORY = "9950";
    static final int ARTICLES = 100;
    static final int EDITED = 10;

    @LocalServerPort
    int port;

    @Autowired
    CategoryReplica replica;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    MeterRegistry meters;

    boolean brokerStopped;

    @AfterEach
    void brokerBackWhateverHappened() {
        if (brokerStopped) {
            InProcessInfrastructure.startKafkaBroker();
        }
    }

    @Test
    void publishingOneHundredArticlesWhileKafkaIsDownLosesNoEventAndKeepsEachArticlesOrder() {
        RestClient editor = Newsroom.editor(port);
        Newsroom.category(replica, CATEGORY, "停机演练", CATEGORY);
        // The producer is up and knows the topic before Kafka goes away, as in production.
        String warmUp = Newsroom.publish(editor, CATEGORY, Map.of("title", "预热"));
        await().atMost(Duration.ofSeconds(30)).until(() -> mongo.findById(warmUp, Article.class).getOutbox().isEmpty());
        double failuresBefore = meters.counter("newsroom.outbox.send.failures").count();

        InProcessInfrastructure.stopKafkaBroker();
        brokerStopped = true;

        List<String> ids = new ArrayList<>();
        for (int i = 0; i < ARTICLES; i++) {
            String id = createId(editor, draft(CATEGORY, Map.of("title", "停机期间发布 " + i)));
            assertThat(Newsroom.action(editor, id, "publish").getStatusCode()).isEqualTo(HttpStatus.OK);
            ids.add(id);
        }
        for (String id : ids.subList(0, EDITED)) {
            assertThat(Newsroom.update(editor, id, draft(CATEGORY, Map.of("title", "停机期间修改 " + id)))
                    .getStatusCode()).isEqualTo(HttpStatus.OK);
        }

        // Sends were tried and failed, and not one event left an outbox.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> meters.counter("newsroom.outbox.send.failures").count() > failuresBefore);
        assertThat(pendingEvents(ids)).isEqualTo(ARTICLES + EDITED);

        long restart = System.nanoTime();
        InProcessInfrastructure.startKafkaBroker();
        brokerStopped = false;
        long brokerUp = System.nanoTime();

        await().atMost(Duration.ofSeconds(60)).until(() -> pendingEvents(ids) == 0);
        log.info("Broker restart took {} ms; the {} pending events were sent {} ms after it was up",
                (brokerUp - restart) / 1_000_000, ARTICLES + EDITED, (System.nanoTime() - brokerUp) / 1_000_000);
        try (TopicProbe probe = new TopicProbe(Topics.ARTICLE_LIFECYCLE)) {
            Set<String> ours = new HashSet<>(ids);
            List<ConsumerRecord<String, String>> events = probe.awaitCount(r -> ours.contains(r.key()),
                    ARTICLES + EDITED);
            // Anything late would arrive within the probe's quiet period; there must be nothing more.
            List<ConsumerRecord<String, String>> all = probe.receivedOnceQuiet().stream()
                    .filter(r -> ours.contains(r.key())).toList();
            assertThat(all).hasSize(ARTICLES + EDITED);
            assertThat(events.stream().filter(r -> "newsroom.article.published.v1"
                    .equals(TopicProbe.header(r, CloudEventHeaders.TYPE)))).hasSize(ARTICLES);

            Map<String, List<Long>> revisionsByArticle = new HashMap<>();
            JsonMapper json = JsonMapper.builder().build();
            for (ConsumerRecord<String, String> event : all) {
                JsonNode payload = json.readTree(event.value());
                revisionsByArticle.computeIfAbsent(event.key(), k -> new ArrayList<>())
                        .add(payload.get("revision").asLong());
            }
            for (String id : ids.subList(0, EDITED)) {
                assertThat(revisionsByArticle.get(id)).as(id).containsExactly(1L, 2L);
            }
            for (String id : ids.subList(EDITED, ARTICLES)) {
                assertThat(revisionsByArticle.get(id)).as(id).containsExactly(1L);
            }
        }
    }

    private long pendingEvents(List<String> ids) {
        return mongo.find(Query.query(Criteria.where("_id").in(ids)), Article.class).stream()
                .mapToLong(a -> a.getOutbox().size()).sum();
    }
}
