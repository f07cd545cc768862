package newsroom.article;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import newsroom.contracts.Topics;
import newsroom.testing.TopicProbe;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

class ViewBeaconRateLimitIntegrationTests extends ArticleServiceIntegrationTest {

    static final String CATEGORY = "9851";

    ResponseEntity<JsonNode> view(RestClient anyone, String id, String userAgent) {
        return anyone.post().uri("/api/articles/{id}/views", id).header("User-Agent", userAgent)
                .contentType(MediaType.TEXT_PLAIN).retrieve().toEntity(JsonNode.class);
    }

    @Test
    void aFloodFromOneVisitorIsCutOffAfterTheBurstWithoutEventsWhileOtherVisitorsStillCount() {
        Newsroom.category(replica, CATEGORY, "园区规划", CATEGORY);
        String id = Newsroom.publish(editor, CATEGORY, Map.of());
        String flooder = "flood-bot/" + UUID.randomUUID();

        List<HttpStatus> statuses = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            statuses.add(HttpStatus.valueOf(view(anyone, id, flooder).getStatusCode().value()));
        }
        // The default burst is 20; the refill (60/min) may add a token or two while the loop runs.
        long accepted = statuses.stream().filter(HttpStatus.ACCEPTED::equals).count();
        assertThat(accepted).isBetween(20L, 23L);
        ResponseEntity<JsonNode> refused = view(anyone, id, flooder);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);

        String reader = "Mozilla/5.0 reader " + UUID.randomUUID();
        assertThat(view(anyone, id, reader).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);

        try (TopicProbe probe = new TopicProbe(Topics.ARTICLE_VIEWED)) {
            probe.awaitRecord(r -> id.equals(r.key()) && r.value().contains(reader));
            long flooderEvents = probe.receivedOnceQuiet().stream()
                    .filter(r -> id.equals(r.key()) && r.value().contains(flooder)).count();
            assertThat(flooderEvents).isEqualTo(accepted);
        }
    }
}
