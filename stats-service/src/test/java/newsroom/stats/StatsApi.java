package newsroom.stats;

import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/** Reads stats-service's REST API in tests. */
final class StatsApi {

    private final RestClient client;

    StatsApi(int port) {
        this.client = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultStatusHandler(status -> true, (request, response) -> { }).build();
    }

    JsonNode get(String uri, Object... variables) {
        return client.get().uri(uri, variables).retrieve().body(JsonNode.class);
    }

    ResponseEntity<String> raw(String uri, Object... variables) {
        return client.get().uri(uri, variables).retrieve().toEntity(String.class);
    }

    JsonNode article(String id) {
        return get("/api/stats/articles/{id}", id);
    }

    JsonNode category(String id) {
        return get("/api/stats/categories/{id}", id);
    }
}
