package newsroom.article;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.UUID;
import newsroom.contracts.Topics;
import newsroom.testing.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/**
 * The beacon as the article page calls it (no trace context): answered ahead of the security chain and MVC, with
 * the same contract as the documented endpoint — 202 and one event, problems for what it refuses.
 */
class ViewBeaconIntegrationTests extends ArticleServiceIntegrationTest {

    static final String CATEGORY = "9871";

    @Autowired
    MeterRegistry meters;

    ResponseEntity<JsonNode> beacon(String id, String body, String userAgent) {
        return anyone.post().uri("/api/articles/{id}/views", id).header("User-Agent", userAgent)
                .contentType(MediaType.TEXT_PLAIN).body(body).retrieve().toEntity(JsonNode.class);
    }

    @Test
    void aPageDisplaySendsOneViewWithTheReferrerFromItsBodyAndStartsNoTrace() {
        Newsroom.category(replica, CATEGORY, "园区规划", CATEGORY);
        String id = Newsroom.publish(editor, CATEGORY, Map.of());
        String reader = "Mozilla/5.0 beacon-reader/" + UUID.randomUUID();
        double acceptedBefore = accepted();

        ResponseEntity<JsonNode> response = beacon(id, "{\"referrer\":\"https://example.org/from\"}", reader);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(accepted()).isEqualTo(acceptedBefore + 1);
        try (TopicProbe probe = new TopicProbe(Topics.ARTICLE_VIEWED)) {
            ConsumerRecord<String, String> view = probe.awaitRecord(
                    r -> id.equals(r.key()) && r.value().contains(reader));
            assertThat(view.value()).contains("\"referrer\":\"https://example.org/from\"")
                    .contains("\"categoryId\":\"" + CATEGORY + "\"");
            // Observations are off for these sends: an untraced page view does not start a trace of its own.
            assertThat(TopicProbe.header(view, "traceparent")).isNull();
        }
    }

    @Test
    void whatTheBeaconRefusesIsAProblemNamingTheReasonAndSendsNothing() {
        Newsroom.category(replica, CATEGORY, "园区规划", CATEGORY);
        String id = Newsroom.publish(editor, CATEGORY, Map.of());
        String refused = "Mozilla/5.0 refused/" + UUID.randomUUID();

        ResponseEntity<JsonNode> unknown = beacon("404404404", "", refused);
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknown.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(unknown.getBody().path("detail").asString()).isEqualTo("Article 404404404 does not exist");

        ResponseEntity<JsonNode> notAnObject = beacon(id, "[1,2]", refused);
        assertThat(notAnObject.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(notAnObject.getBody().path("errors").path(0).path("field").asString()).isEqualTo("body");

        ResponseEntity<JsonNode> tooLarge = beacon(id, "{\"referrer\":\"" + "x".repeat(9000) + "\"}", refused);
        assertThat(tooLarge.getStatusCode()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
        assertThat(tooLarge.getBody().path("errors").path(0).path("field").asString()).isEqualTo("body");
        assertThat(tooLarge.getBody().path("status").asInt()).isEqualTo(413);

        try (TopicProbe probe = new TopicProbe(Topics.ARTICLE_VIEWED)) {
            assertThat(probe.receivedOnceQuiet()).noneMatch(r -> r.value().contains(refused));
        }
    }

    private double accepted() {
        var counter = meters.find("newsroom.beacon.requests").tag("outcome", "accepted").counter();
        return counter == null ? 0 : counter.count();
    }
}
