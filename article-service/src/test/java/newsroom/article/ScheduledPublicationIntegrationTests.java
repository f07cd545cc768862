package newsroom.article;

import static newsroom.article.Newsroom.action;
import static newsroom.article.Newsroom.createId;
import static newsroom.article.Newsroom.draft;
import static newsroom.article.Newsroom.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import newsroom.article.categories.CategoryReplica;
import newsroom.article.scheduling.MongoLease;
import newsroom.contracts.CloudEventHeaders;
import newsroom.contracts.Topics;
import newsroom.testing.InProcessInfrastructureTest;
import newsroom.testing.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

@InProcessInfrastructureTest
class ScheduledPublicationIntegrationTests {

    static final String CATEGORY = "9500";

    @LocalServerPort
    int port;

    @Autowired
    CategoryReplica replica;

    @Autowired
    MongoTemplate mongo;

    RestClient editor;
    RestClient anyone;

    @BeforeEach
    void setUp() {
        editor = Newsroom.editor(port);
        anyone = Newsroom.anonymous(port);
        Newsroom.category(replica, CATEGORY, "通知公告", CATEGORY);
    }

    @Test
    void aScheduledArticleIsHiddenUntilDueThenPublishedWithItsLatenessOnTheEventAndTheMetric() {
        String id = createId(editor, draft(CATEGORY, Map.of("title", "定时发布")));
        Instant due = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.MILLIS);
        var scheduled = action(editor, id, "schedule", Map.of("publishAt", due.toString()));
        assertThat(scheduled.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(scheduled.getBody().get("status").asText()).isEqualTo("SCHEDULED");
        assertThat(read(anyone, id).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

        await().atMost(Duration.ofSeconds(20)).until(() -> read(anyone, id).getStatusCode() == HttpStatus.OK);
        assertThat(Instant.now()).isAfterOrEqualTo(due);
        JsonNode article = Newsroom.get(editor, id).getBody();
        assertThat(article.get("status").asText()).isEqualTo("PUBLISHED");
        assertThat(article.get("lastModifiedBy").asText()).isEqualTo("scheduler");
        assertThat(Instant.parse(article.get("publishedAt").asText())).isEqualTo(due);

        try (TopicProbe probe = new TopicProbe(Topics.ARTICLE_LIFECYCLE)) {
            ConsumerRecord<String, String> event = probe.awaitRecord(r -> id.equals(r.key()));
            assertThat(TopicProbe.header(event, CloudEventHeaders.TYPE)).isEqualTo("newsroom.article.published.v1");
            assertThat(event.value()).contains("\"scheduledFor\":\"" + due + "\"").contains("\"latenessMillis\":");
        }
        String metrics = Newsroom.admin(port).get().uri("/actuator/prometheus").retrieve().body(String.class);
        assertThat(metrics).contains("newsroom_schedule_lateness_seconds_count");
    }

    @Test
    void approvingWithAPublishAtSchedulesTheArticle() {
        String id = createId(Newsroom.writer(port), draft(CATEGORY, Map.of()));
        action(Newsroom.writer(port), id, "submit");
        String monday = Instant.now().plus(Duration.ofDays(7)).truncatedTo(ChronoUnit.SECONDS).toString();
        var approved = action(editor, id, "approve", Map.of("publishAt", monday, "note", "周一发"));
        assertThat(approved.getBody().get("status").asText()).isEqualTo("SCHEDULED");
        assertThat(approved.getBody().get("publishAt").asText()).isEqualTo(monday);

        var cancelled = action(editor, id, "unschedule");
        assertThat(cancelled.getBody().get("status").asText()).isEqualTo("DRAFT");
        assertThat(cancelled.getBody().get("publishAt").isNull()).isTrue();
    }

    @Test
    void aPublishAtInThePastOrMalformedIsRefusedNamingTheField() {
        String id = createId(editor, draft(CATEGORY, Map.of()));
        var past = action(editor, id, "schedule", Map.of("publishAt", "2020-01-01T00:00:00Z"));
        assertThat(past.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(past.getBody().get("errors").get(0).get("field").asText()).isEqualTo("publishAt");

        var tooFar = action(editor, id, "schedule", Map.of("publishAt", "2199-01-01T00:00:00Z"));
        assertThat(tooFar.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);

        var malformed = action(editor, id, "schedule", Map.of("publishAt", "next tuesday"));
        assertThat(malformed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(malformed.getBody().get("errors").get(0).get("field").asText()).isEqualTo("publishAt");

        var missing = action(editor, id, "schedule", Map.of());
        assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(missing.getBody().get("errors").get(0).get("field").asText()).isEqualTo("publishAt");
    }

    @Test
    void theLeaseLetsOneOwnerAtATimeRunTheSchedulerAndPassesOnWhenItExpiresOrIsReleased() {
        Instant start = Instant.parse("2030-01-01T00:00:00Z");
        MutableClock clock = new MutableClock(start);
        MongoLease a = new MongoLease(mongo, clock, "test-lease", "replica-a", Duration.ofSeconds(30));
        MongoLease b = new MongoLease(mongo, clock, "test-lease", "replica-b", Duration.ofSeconds(30));

        assertThat(a.tryAcquire()).isTrue();
        assertThat(b.tryAcquire()).isFalse();
        clock.now = start.plusSeconds(20);
        assertThat(a.tryAcquire()).as("renewal by the holder").isTrue();
        clock.now = start.plusSeconds(45);
        assertThat(b.tryAcquire()).as("still held after the renewal").isFalse();
        clock.now = start.plusSeconds(51);
        assertThat(b.tryAcquire()).as("expired: another replica takes over").isTrue();
        assertThat(a.tryAcquire()).isFalse();
        b.release();
        assertThat(a.tryAcquire()).as("released: free at once").isTrue();
    }

    static final class MutableClock extends Clock {
        volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
