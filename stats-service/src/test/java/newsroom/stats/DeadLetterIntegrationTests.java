package newsroom.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import newsroom.contracts.CloudEventHeaders;
import newsroom.contracts.EventTypes;
import newsroom.contracts.Topics;
import newsroom.stats.articles.KnownArticles;
import newsroom.stats.deadletter.DeadLetters;
import newsroom.stats.deadletter.ParkedViews;
import newsroom.testing.InProcessInfrastructureTest;
import newsroom.testing.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A view that fails its schema, is stamped far in the future, or names an article never announced goes to
 * article-viewed.stats-service.dlq unchanged, with the reason in x-newsroom-dlq-reason; the views behind it are
 * counted (the consumer never stalls). A view that arrives before its article's lifecycle event is counted once.
 */
@InProcessInfrastructureTest
class DeadLetterIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    KnownArticles known;

    @Autowired
    MeterRegistry meters;

    TopicProbe dlq;

    @BeforeEach
    void openDlq() {
        dlq = new TopicProbe(ParkedViews.DLQ_TOPIC);
    }

    @AfterEach
    void closeDlq() {
        dlq.close();
    }

    private String knownArticle() {
        String article = Views.unique("dlq");
        Views.publishArticle(article, List.of("1"));
        await().until(() -> known.knownInMemory(article));
        return article;
    }

    private static boolean keyed(ConsumerRecord<String, String> record, String key) {
        return key.equals(record.key());
    }

    @Test
    void aViewFailingItsSchemaIsDeadLetteredWithTheReasonAndTheViewsBehindItAreCounted() {
        String article = knownArticle();
        double dlqBefore = meters.get("newsroom.dlq.records").tag("topic", Topics.ARTICLE_VIEWED).tag("group", "stats-service").counter().count();
        String viewId = UUID.randomUUID().toString();
        String poison = """
                {"viewId":"%s","articleId":"%s","categoryId":"1","categoryPath":["1"],"viewedAt":"yesterday",
                 "visitorKey":"v1"}""".formatted(viewId, article);
        TopicProbe.send(Topics.ARTICLE_VIEWED, article, poison, Map.of(CloudEventHeaders.TYPE,
                EventTypes.ARTICLE_VIEWED, CloudEventHeaders.ID, viewId, "x-trace", "abc"));
        Views.view(article, List.of("1"), Instant.now().minusSeconds(5), "v2", Views.CHROME);

        ConsumerRecord<String, String> dead = dlq.awaitRecord(r -> keyed(r, article));
        assertThat(dead.value()).isEqualTo(poison);
        assertThat(TopicProbe.header(dead, DeadLetters.REASON_HEADER)).startsWith("invalid: ").contains("viewedAt");
        assertThat(TopicProbe.header(dead, CloudEventHeaders.ID)).isEqualTo(viewId);
        assertThat(TopicProbe.header(dead, "x-trace")).isEqualTo("abc");
        assertThat(TopicProbe.header(dead, DeadLetters.ORIGINAL_TOPIC_HEADER)).isEqualTo(Topics.ARTICLE_VIEWED);

        StatsApi api = new StatsApi(port);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(api.article(article).get("views").asLong()).isEqualTo(1));
        assertThat(api.article(article).get("raw").asLong()).isEqualTo(1);
        assertThat(meters.get("newsroom.dlq.records").tag("topic", Topics.ARTICLE_VIEWED).tag("group", "stats-service").counter().count())
                .isGreaterThan(dlqBefore);
    }

    @Test
    void notJsonAtAllIsDeadLetteredToo() {
        String article = knownArticle();
        TopicProbe.send(Topics.ARTICLE_VIEWED, article, "not json {", Map.of(CloudEventHeaders.TYPE,
                EventTypes.ARTICLE_VIEWED));
        ConsumerRecord<String, String> dead = dlq.awaitRecord(r -> keyed(r, article));
        assertThat(dead.value()).isEqualTo("not json {");
        assertThat(TopicProbe.header(dead, DeadLetters.REASON_HEADER)).startsWith("invalid: ");
    }

    @Test
    void aViewStampedMoreThanFiveMinutesAheadIsDeadLettered() {
        String article = knownArticle();
        Views.view(article, List.of("1"), Instant.now().plus(1, ChronoUnit.HOURS), "time-traveller", Views.CHROME);
        Views.view(article, List.of("1"), Instant.now().plus(1, ChronoUnit.MINUTES), "small-skew", Views.CHROME);
        ConsumerRecord<String, String> dead = dlq.awaitRecord(r -> keyed(r, article));
        assertThat(dead.value()).contains("time-traveller");
        assertThat(TopicProbe.header(dead, DeadLetters.REASON_HEADER)).startsWith("future: ");
        StatsApi api = new StatsApi(port);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(api.article(article).get("views").asLong()).isEqualTo(1));
    }

    @Test
    void aViewOfAnArticleNeverAnnouncedIsDeadLetteredAfterTheGraceTime() {
        String article = Views.unique("never-published");
        double before = meters.get("newsroom.views.dropped").tag("reason", "unknown_article").counter().count();
        Views.view(article, List.of("1"), Instant.now().minusSeconds(5), "v", Views.CHROME);
        ConsumerRecord<String, String> dead = dlq.awaitRecord(r -> keyed(r, article));
        assertThat(TopicProbe.header(dead, DeadLetters.REASON_HEADER)).startsWith("unknown_article: ");
        assertThat(TopicProbe.header(dead, CloudEventHeaders.TYPE)).isEqualTo(EventTypes.ARTICLE_VIEWED);
        assertThat(new StatsApi(port).article(article).get("raw").asLong()).isZero();
        assertThat(meters.get("newsroom.views.dropped").tag("reason", "unknown_article").counter().count())
                .isGreaterThan(before);
    }

    @Test
    void aViewThatArrivesBeforeItsArticleIsCountedOnceTheArticleIsKnown() {
        String article = Views.unique("early");
        Views.view(article, List.of("1"), Instant.now().minusSeconds(5), "early-reader", Views.CHROME);
        await().atMost(Duration.ofSeconds(20)).until(() ->
                meters.get("newsroom.views.parked").counter().count() > 0);
        Views.publishArticle(article, List.of("1"));
        StatsApi api = new StatsApi(port);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(api.article(article).get("views").asLong()).isEqualTo(1));
        assertThat(api.article(article).get("raw").asLong()).isEqualTo(1);
        assertThat(dlq.received()).noneMatch(r -> keyed(r, article));
    }
}
