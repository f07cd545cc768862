package newsroom.article;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import newsroom.contracts.Topics;
import newsroom.testing.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class TracePropagationIntegrationTests extends ArticleServiceIntegrationTest {

    static final String CATEGORY = "9861";

    @Test
    void theTraceOfABeaconRequestTravelsOnWithItsViewEvent() {
        Newsroom.category(replica, CATEGORY, "园区规划", CATEGORY);
        String id = Newsroom.publish(editor, CATEGORY, Map.of());
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String userAgent = "trace-test/" + traceId;

        var accepted = anyone.post().uri("/api/articles/{id}/views", id)
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .header("User-Agent", userAgent)
                .retrieve().toBodilessEntity();
        assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);

        try (TopicProbe probe = new TopicProbe(Topics.ARTICLE_VIEWED)) {
            ConsumerRecord<String, String> view = probe.awaitRecord(
                    r -> id.equals(r.key()) && r.value().contains(userAgent));
            assertThat(TopicProbe.header(view, "traceparent")).startsWith("00-" + traceId + "-");
        }
    }
}
