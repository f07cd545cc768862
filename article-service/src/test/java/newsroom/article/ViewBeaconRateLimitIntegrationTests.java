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

        // Until the first refusal, then a few more: the burst (20) passes, then the flooder is refused, and the
        // refill (60/min, one a second) lets through at most one more per second the flood lasted. Bounding by the
        // measured time (not by a fixed 20-23) keeps the check exact on a busy machine, where requests are slower.
        List<HttpStatus> statuses = new ArrayList<>();
        ResponseEntity<JsonNode> refused = null;
        long started = System.nanoTime();
        while (refused == null && statuses.size() < 200) {
            ResponseEntity<JsonNode> response = view(anyone, id, flooder);
            statuses.add(HttpStatus.valueOf(response.getStatusCode().value()));
            if (response.getStatusCode().value() == HttpStatus.TOO_MANY_REQUESTS.value()) {
                refused = response;
            }
        }
        assertThat(refused).as("a refusal after the burst").isNotNull();
        assertThat(statuses.subList(0, statuses.size() - 1)).as("accepted until the first refusal")
                .containsOnly(HttpStatus.ACCEPTED);
        assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        for (int i = 0; i < 10; i++) {
            statuses.add(HttpStatus.valueOf(view(anyone, id, flooder).getStatusCode().value()));
        }
        long refillSeconds = (long) Math.ceil((System.nanoTime() - started) / 1e9);
        long accepted = statuses.stream().filter(HttpStatus.ACCEPTED::equals).count();
        assertThat(accepted).as("accepted in %d s", refillSeconds).isBetween(20L, 20L + refillSeconds);
        assertThat(statuses).as("refused from then on but for the refill").contains(HttpStatus.TOO_MANY_REQUESTS)
                .containsOnly(HttpStatus.ACCEPTED, HttpStatus.TOO_MANY_REQUESTS);

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
