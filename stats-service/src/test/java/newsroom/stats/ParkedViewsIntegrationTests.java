package newsroom.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import newsroom.contracts.CloudEventHeaders;
import newsroom.contracts.EventTypes;
import newsroom.contracts.Topics;
import newsroom.stats.intake.ViewHeaders;
import newsroom.stats.store.StatsDocs;
import newsroom.testing.InProcessInfrastructure;
import newsroom.testing.InProcessInfrastructureTest;
import newsroom.testing.TopicProbe;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import tools.jackson.databind.JsonNode;

/**
 * Views that arrive before their article's lifecycle event are parked and, once the article is known, come back on
 * stats-service's own retry topic, never on article-viewed: another consumer group on article-viewed (an analyst's)
 * reads each view exactly once, and stats-service counts each parked view exactly once — also when a released view is
 * sent twice, and when its consumer starts over from the beginning of both topics.
 */
@InProcessInfrastructureTest
class ParkedViewsIntegrationTests {

    private static final List<String> PATH = List.of("1", "early-news");

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Autowired
    BindingsLifecycleController bindings;

    /** Sends views of an article stats-service does not know yet, and waits until they are parked. */
    private Map<String, String> viewsBeforeTheArticle(String article, int readers, boolean withBot) {
        double parkedBefore = meters.get("newsroom.views.parked").counter().count();
        Map<String, String> sent = new HashMap<>(); // view id -> payload
        Instant at = Instant.now().minusSeconds(30);
        for (int i = 0; i < readers + (withBot ? 1 : 0); i++) {
            String viewId = UUID.randomUUID().toString();
            String json = Views.json(viewId, article, PATH, at.plusSeconds(i), "early-" + i,
                    i < readers ? Views.CHROME : Views.GOOGLEBOT);
            TopicProbe.send(Topics.ARTICLE_VIEWED, article, json,
                    Map.of(CloudEventHeaders.TYPE, EventTypes.ARTICLE_VIEWED, CloudEventHeaders.ID, viewId));
            sent.put(viewId, json);
        }
        await().atMost(Duration.ofSeconds(30)).until(() ->
                meters.get("newsroom.views.parked").counter().count() >= parkedBefore + sent.size());
        return sent;
    }

    private static boolean keyed(ConsumerRecord<String, String> record, String article) {
        return article.equals(record.key());
    }

    @Test
    void anAnalystGroupReadsEachViewOnceWhileStatsServiceParksAndCountsThemOnce() {
        String article = Views.unique("parked");
        Map<String, String> sent = viewsBeforeTheArticle(article, 4, true);
        Views.publishArticle(article, PATH);
        StatsApi api = new StatsApi(port);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(api.article(article).get("raw").asLong()).isEqualTo(5));
        assertThat(api.article(article).get("views").asLong()).isEqualTo(4);
        assertThat(api.article(article).get("bots").asLong()).isEqualTo(1);

        // An analyst's own group on article-viewed: every view once, as the beacon sent it, no released copy.
        try (TopicProbe analyst = new TopicProbe(Topics.ARTICLE_VIEWED)) {
            List<ConsumerRecord<String, String>> read = analyst.receivedOnceQuiet().stream()
                    .filter(r -> keyed(r, article)).toList();
            assertThat(read).hasSize(5);
            assertThat(read).extracting(r -> TopicProbe.header(r, CloudEventHeaders.ID))
                    .containsExactlyInAnyOrderElementsOf(sent.keySet());
            assertThat(read).allSatisfy(r -> assertThat(TopicProbe.header(r, ViewHeaders.RELEASED)).isNull());
        }
        // The released copies are on stats-service's retry topic, with the original key, value and headers.
        ConsumerRecord<String, String> copy;
        try (TopicProbe retry = new TopicProbe(StatsDocs.RETRY_TOPIC)) {
            List<ConsumerRecord<String, String>> released = retry.awaitCount(r -> keyed(r, article), 5);
            assertThat(released).hasSize(5).allSatisfy(r -> {
                String viewId = TopicProbe.header(r, CloudEventHeaders.ID);
                assertThat(TopicProbe.header(r, ViewHeaders.RELEASED)).isEqualTo(viewId);
                assertThat(TopicProbe.header(r, CloudEventHeaders.TYPE)).isEqualTo(EventTypes.ARTICLE_VIEWED);
                assertThat(r.value()).isEqualTo(sent.get(viewId));
            });
            copy = released.get(0);
        }

        // The same view released twice (the sweeper sent it again after a failure) is counted once.
        double duplicates = meters.get("newsroom.views.dropped").tag("reason", "duplicate").counter().count();
        Map<String, String> headers = new HashMap<>();
        copy.headers().forEach(h -> headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
        TopicProbe.send(StatsDocs.RETRY_TOPIC, article, copy.value(), headers);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                meters.get("newsroom.views.dropped").tag("reason", "duplicate").counter().count() > duplicates);
        awaitConsumed();
        assertThat(api.article(article).get("raw").asLong()).isEqualTo(5);
        assertThat(api.article(article).get("views").asLong()).isEqualTo(4);
    }

    @Test
    void parkedViewsStayCountedOnceWhenTheConsumerStartsOverFromTheBeginningOfBothTopics() throws Exception {
        // An article of its own category whose every view was parked: no view counted straight from article-viewed
        // has moved its documents' guard past the originals, so only the parked offsets keep them from counting.
        String category = Views.unique("replayed");
        List<String> path = List.of("1", category);
        String article = Views.unique("parked-replay");
        double parkedBefore = meters.get("newsroom.views.parked").counter().count();
        for (int i = 0; i < 3; i++) {
            Views.view(article, path, Instant.now().minusSeconds(30 - i), "early-" + i, Views.CHROME);
        }
        await().atMost(Duration.ofSeconds(30)).until(() ->
                meters.get("newsroom.views.parked").counter().count() >= parkedBefore + 3);
        Views.publishArticle(article, path);
        StatsApi api = new StatsApi(port);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(api.article(article).get("views").asLong()).isEqualTo(3));
        awaitConsumed();
        JsonNode before = api.article(article);
        JsonNode categoryBefore = api.category(category);

        // A new consumer (nothing cached) reads article-viewed and the retry topic again from their beginnings.
        bindings.changeState("articleViewed-in-0", BindingsLifecycleController.State.STOPPED);
        bindings.changeState("articleLifecycle-in-0", BindingsLifecycleController.State.STOPPED);
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            for (TopicPartition tp : partitions()) {
                earliest.put(tp, OffsetSpec.earliest());
            }
            Map<TopicPartition, OffsetAndMetadata> reset = new HashMap<>();
            admin.listOffsets(earliest).all().get().forEach((tp, info) ->
                    reset.put(tp, new OffsetAndMetadata(info.offset())));
            // Retry until the stopped consumers have left the group.
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
                admin.alterConsumerGroupOffsets("stats-service", reset).all().get();
                return true;
            });
        } finally {
            bindings.changeState("articleLifecycle-in-0", BindingsLifecycleController.State.STARTED);
            bindings.changeState("articleViewed-in-0", BindingsLifecycleController.State.STARTED);
        }
        awaitConsumed();

        JsonNode after = api.article(article);
        for (String field : List.of("raw", "views", "bots", "refreshes", "uniqueVisitorsToday")) {
            assertThat(after.get(field).asLong()).as(field).isEqualTo(before.get(field).asLong());
        }
        assertThat(after.get("raw").asLong()).isEqualTo(3);
        assertThat(api.category(category).get("raw").asLong()).isEqualTo(categoryBefore.get("raw").asLong())
                .isEqualTo(3);
    }

    private static Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, InProcessInfrastructure.kafkaBootstrapServers());
        return Admin.create(props);
    }

    private static List<TopicPartition> partitions() {
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < InProcessInfrastructure.PARTITIONS; p++) {
            partitions.add(new TopicPartition(Topics.ARTICLE_VIEWED, p));
            partitions.add(new TopicPartition(StatsDocs.RETRY_TOPIC, p));
        }
        return partitions;
    }

    /** Waits until stats-service's group has committed, on both topics, everything they hold now. */
    private static void awaitConsumed() {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            partitions().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets("stats-service").partitionsToOffsetAndMetadata().get();
                return ends.entrySet().stream().allMatch(e -> e.getValue() == 0 || committed.get(e.getKey()) != null
                        && committed.get(e.getKey()).offset() >= e.getValue());
            });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
