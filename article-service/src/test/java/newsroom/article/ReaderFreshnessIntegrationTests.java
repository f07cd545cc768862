package newsroom.article;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Duration;
import java.util.Map;
import newsroom.article.editorial.Article;
import newsroom.contracts.CloudEventHeaders;
import newsroom.contracts.EventTypes;
import newsroom.contracts.Topics;
import newsroom.testing.TopicProbe;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/**
 * Reads and the beacon come from the in-memory reader copies; these check that what editors do shows there within
 * a second, both for this replica's own writes and for another replica's (a store change this replica did not make,
 * announced on {@code article-lifecycle}).
 */
class ReaderFreshnessIntegrationTests extends ArticleServiceIntegrationTest {

    static final String CATEGORY = "9871";
    static final Duration BOUND = Duration.ofSeconds(1);

    @Autowired
    MongoTemplate mongo;

    ResponseEntity<JsonNode> read(String id) {
        return anyone.get().uri("/api/articles/{id}", id).retrieve().toEntity(JsonNode.class);
    }

    HttpStatus beacon(String id) {
        return HttpStatus.valueOf(anyone.post().uri("/api/articles/{id}/views", id)
                .header(HttpHeaders.USER_AGENT, "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0")
                .retrieve().toBodilessEntity().getStatusCode().value());
    }

    @Test
    void aPublishAnEditAndAnUnpublishShowInTheReaderApiAndTheBeaconWithinASecond() {
        Newsroom.category(replica, CATEGORY, "园区规划", CATEGORY);
        String id = Newsroom.createId(editor, Newsroom.draft(CATEGORY, Map.of("title", "初稿")));
        assertThat(read(id).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

        Newsroom.action(editor, id, "publish");
        await().atMost(BOUND).until(() -> read(id).getStatusCode() == HttpStatus.OK);
        ResponseEntity<JsonNode> published = read(id);
        assertThat(published.getBody().get("title").asText()).isEqualTo("初稿");
        assertThat(published.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
        String etag = published.getHeaders().getETag();
        assertThat(etag).isNotBlank();
        assertThat(anyone.get().uri("/api/articles/{id}", id).header(HttpHeaders.IF_NONE_MATCH, etag).retrieve()
                .toBodilessEntity().getStatusCode()).isEqualTo(HttpStatus.NOT_MODIFIED);
        assertThat(beacon(id)).isEqualTo(HttpStatus.ACCEPTED);

        Newsroom.update(editor, id, Newsroom.draft(CATEGORY, Map.of("title", "改稿")));
        await().atMost(BOUND).until(() -> "改稿".equals(read(id).getBody().get("title").asText()));
        assertThat(read(id).getHeaders().getETag()).isNotEqualTo(etag);

        Newsroom.action(editor, id, "unpublish");
        await().atMost(BOUND).until(() -> read(id).getStatusCode() == HttpStatus.NOT_FOUND
                && beacon(id) == HttpStatus.NOT_FOUND);
    }

    @Test
    void anotherReplicasEditAndUnpublicationReachThisReplicaThroughTheTopic() {
        Newsroom.category(replica, CATEGORY, "园区规划", CATEGORY);
        awaitFollowingTheTopic();
        String id = Newsroom.publish(editor, CATEGORY, Map.of("title", "原题"));
        assertThat(read(id).getBody().get("title").asText()).isEqualTo("原题");

        // Another replica's edit: the store changes behind this replica's back. Until the event, the copy stands.
        long revision = changeBehindTheService(id, new Update().set("title", "别处改的"));
        assertThat(read(id).getBody().get("title").asText()).isEqualTo("原题");
        announce(EventTypes.ARTICLE_UPDATED, id, revision);
        await().atMost(BOUND).until(() -> "别处改的".equals(read(id).getBody().get("title").asText()));

        // An event older than the copy changes nothing.
        announce(EventTypes.ARTICLE_UNPUBLISHED, id, revision - 1);
        assertThat(read(id).getStatusCode()).isEqualTo(HttpStatus.OK);

        // Another replica's unpublication: 404 for readers and the beacon, without a store read to find out.
        long unpublished = changeBehindTheService(id, new Update().set("status", "UNPUBLISHED"));
        announce(EventTypes.ARTICLE_UNPUBLISHED, id, unpublished);
        await().atMost(BOUND).until(() -> read(id).getStatusCode() == HttpStatus.NOT_FOUND
                && beacon(id) == HttpStatus.NOT_FOUND);

        // A record the consumer cannot read (batch mode) is retried, then given up: the event after it still arrives.
        TopicProbe.send(Topics.ARTICLE_LIFECYCLE, id, "not json", Map.of(CloudEventHeaders.TYPE,
                EventTypes.ARTICLE_UPDATED));
        long republished = changeBehindTheService(id, new Update().set("status", "PUBLISHED"));
        announce(EventTypes.ARTICLE_UPDATED, id, republished);
        await().atMost(Duration.ofSeconds(10)).until(() -> read(id).getStatusCode() == HttpStatus.OK);
    }

    /**
     * The reader copies' consumer has an anonymous group that starts at the end of the topic once it is assigned;
     * events sent before that are not for it. Waits (not part of any bound) until an event reaches it.
     */
    private void awaitFollowingTheTopic() {
        String probe = Newsroom.publish(editor, CATEGORY, Map.of("title", "探针"));
        read(probe);
        long revision = changeBehindTheService(probe, new Update().set("title", "探针已变"));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            announce(EventTypes.ARTICLE_UPDATED, probe, revision);
            return "探针已变".equals(read(probe).getBody().get("title").asText());
        });
    }

    /** Changes the stored article as another replica would (next revision), without this replica's write path. */
    private long changeBehindTheService(String id, Update update) {
        Article stored = mongo.findById(id, Article.class);
        long next = stored.getRevision() + 1;
        mongo.updateFirst(query(where("_id").is(id)), update.set("revision", next).inc("version", 1), Article.class);
        return next;
    }

    private static void announce(String type, String id, long revision) {
        String payload = type.equals(EventTypes.ARTICLE_UNPUBLISHED)
                ? """
                  {"articleId":"%s","revision":%d,"categoryId":"%s","occurredAt":"2026-01-01T00:00:00Z"}
                  """.formatted(id, revision, CATEGORY)
                : """
                  {"articleId":"%s","revision":%d,"article":{"articleId":"%s","categoryId":"%s","title":"t"},
                   "occurredAt":"2026-01-01T00:00:00Z"}
                  """.formatted(id, revision, id, CATEGORY);
        TopicProbe.send(Topics.ARTICLE_LIFECYCLE, id, payload, Map.of(CloudEventHeaders.TYPE, type));
    }
}
