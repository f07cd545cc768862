package newsroom.article;

import static newsroom.article.Newsroom.action;
import static newsroom.article.Newsroom.createId;
import static newsroom.article.Newsroom.draft;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import newsroom.article.categories.CategoryReplica;
import newsroom.testing.InProcessInfrastructureTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * Editors who read the same version and save at the same instant: the If-Match check must be the store's atomic
 * conditional write, not a read-then-write in Java — with a read-then-write several of these requests would pass the
 * check before any of them wrote. Exactly one wins; the others get 412 and leave no trace in the revision history.
 * Repeated, since a race that is lost once can be won the next time.
 */
@InProcessInfrastructureTest
class SimultaneousEditorsIntegrationTests {

    static final String CATEGORY = "9310";
    static final int EDITORS = 8;

    @LocalServerPort
    int port;

    @Autowired
    CategoryReplica replica;

    RestClient editor;

    @BeforeEach
    void setUp() {
        editor = Newsroom.editor(port);
        Newsroom.category(replica, CATEGORY, "并发编辑", CATEGORY);
    }

    @RepeatedTest(3)
    void ofEightEditorsSavingTheSameVersionAtOnceExactlyOneWinsAndTheHistoryGainsOneEntry() throws Exception {
        String id = createId(editor, draft(CATEGORY, Map.of()));
        String etag = Newsroom.get(editor, id).getHeaders().getETag();
        int revisionsBefore = history(id).size();

        List<HttpStatus> outcomes = atOnce(EDITORS, n -> () -> HttpStatus.valueOf(editor.put()
                .uri("/api/editorial/articles/{id}", id).header(HttpHeaders.IF_MATCH, etag)
                .contentType(MediaType.APPLICATION_JSON).body(draft(CATEGORY, Map.of("title", "编辑" + n + "的标题")))
                .retrieve().toBodilessEntity().getStatusCode().value()));

        assertThat(outcomes).filteredOn(HttpStatus.OK::equals).hasSize(1);
        assertThat(outcomes).filteredOn(HttpStatus.PRECONDITION_FAILED::equals).hasSize(EDITORS - 1);
        JsonNode history = history(id);
        assertThat(history).hasSize(revisionsBefore + 1);
        // The stored article is the winner's, and the newest revision records the same title.
        String title = Newsroom.get(editor, id).getBody().get("title").asString();
        assertThat(title).matches("编辑\\d的标题");
        assertThat(editor.get().uri("/api/editorial/articles/{id}/revisions/{v}", id, 1).retrieve()
                .body(JsonNode.class).findValue("title").asString()).isEqualTo(title);
    }

    @RepeatedTest(3)
    void ofTwoEditorsApprovingAtOnceOneApprovesAndTheOtherIsToldItIsTooLate() throws Exception {
        String id = createId(Newsroom.writer(port), draft(CATEGORY, Map.of()));
        assertThat(action(Newsroom.writer(port), id, "submit").getStatusCode()).isEqualTo(HttpStatus.OK);
        int revisionsBefore = history(id).size();

        List<HttpStatus> outcomes = atOnce(2, n -> () -> HttpStatus.valueOf(action(editor, id, "approve",
                Map.of("note", "编辑" + n + "批准")).getStatusCode().value()));

        assertThat(outcomes).filteredOn(HttpStatus.OK::equals).hasSize(1);
        // The loser read the article in review: depending on when, the transition (409) or the version (412) stops it.
        assertThat(outcomes).filteredOn(s -> s == HttpStatus.CONFLICT || s == HttpStatus.PRECONDITION_FAILED)
                .hasSize(1);
        assertThat(history(id)).hasSize(revisionsBefore + 1);
        assertThat(history(id).findValuesAsString("action")).containsOnlyOnce("APPROVED");
        assertThat(Newsroom.get(editor, id).getBody().get("status").asString()).isEqualTo("PUBLISHED");
    }

    private JsonNode history(String id) {
        JsonNode history = editor.get().uri("/api/editorial/articles/{id}/revisions", id).retrieve()
                .body(JsonNode.class);
        return history.isArray() ? history : history.get("items");
    }

    /** Runs {@code count} calls released together by a barrier; returns their results. */
    private static <T> List<T> atOnce(int count, IntFunction<Callable<T>> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            CyclicBarrier start = new CyclicBarrier(count);
            List<Future<T>> futures = new ArrayList<>();
            for (int n = 0; n < count; n++) {
                Callable<T> task = call.apply(n);
                futures.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return task.call();
                }));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
