package newsroom.category.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.List;
import newsroom.category.IntegrationTestBase;
import newsroom.contracts.CategoryChanged.Change;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/**
 * Multi-document tree writes stopped part-way, as a crash would stop them, and what repairs them. The service's
 * {@code start*} methods do exactly the steps before the point where a crash is simulated.
 */
class InterruptedTreeWritesIntegrationTests extends IntegrationTestBase {

    static final Instant T = Instant.parse("2022-01-07T09:00:00Z");

    @Autowired
    CategoryService service;

    @Autowired
    TreeMaintenance maintenance;

    @Autowired
    CategoryRepository categories;

    @Autowired
    MongoTemplate mongo;

    @Test
    void aMoveInterruptedAfterTheMovedCategoryWasWrittenReadsRightAtOnceAndTheRepairFinishesIt() {
        String a = create("A", null);
        String b = create("B", a);
        String c = create("C", b);
        String x = create("X", null);
        published("moved-" + c, 1, card("深处的稿件", c, List.of(a, b, c), T, false, 0), T);
        await().untilAsserted(() -> assertThat(titles(a, "subtree")).containsExactly("深处的稿件"));

        service.startMove(b, new MoveRequest(x, null));

        // The structure is final: breadcrumbs and subtree listings follow it already.
        assertThat(getOk("/api/categories/{id}/breadcrumb", c).findValuesAsString("id")).containsExactly(x, b, c);
        assertThat(titles(x, "subtree")).containsExactly("深处的稿件");
        assertThat(titles(a, "subtree")).isEmpty();
        // Derived data lags: the descendant's stored path, and the marker says so.
        assertThat(categories.findById(c).orElseThrow().path()).containsExactly(a, b, c);
        assertThat(categories.findById(b).orElseThrow().moving()).isNotNull();

        assertThat(maintenance.repairIfFree()).isTrue();

        Category repaired = categories.findById(c).orElseThrow();
        assertThat(repaired.path()).containsExactly(x, b, c);
        assertThat(repaired.revision()).isEqualTo(2);
        assertThat(categories.findById(b).orElseThrow().moving()).isNull();
        assertThat(ids(snapshotsOf(c, 2).get(2L).get("path"))).containsExactly(x, b, c);
        assertThat(snapshotsOf(b, 2).get(2L).get("change").asString()).isEqualTo("MOVED");

        // Running it again changes nothing: every step is idempotent.
        maintenance.repairIfFree();
        assertThat(categories.findById(c).orElseThrow().revision()).isEqualTo(2);
        assertThat(categories.findById(b).orElseThrow().revision()).isEqualTo(2);
    }

    @Test
    void retryingAnInterruptedMoveFinishesIt() {
        String a = create("A", null);
        String b = create("B", a);
        String c = create("C", b);
        String d = create("D", c);
        String x = create("X", null);

        service.startMove(b, new MoveRequest(x, null));
        JsonNode retried = move(b, x);

        assertThat(retried.get("revision").asLong()).isEqualTo(2);
        assertThat(categories.findById(d).orElseThrow().path()).containsExactly(x, b, c, d);
        assertThat(categories.findById(d).orElseThrow().revision()).isEqualTo(2);
        assertThat(categories.findById(b).orElseThrow().moving()).isNull();
    }

    @Test
    void aDeletionInterruptedAfterItsTombstoneRedirectsAtOnceAndTheRepairFinishesIt() {
        String source = create("旧栏目", null);
        String target = create("新栏目", null);
        publishSimple("tomb-" + source + "-1", source, "早先的稿件", T);
        await().untilAsserted(() -> assertThat(titles(source, "category")).hasSize(1));

        service.startDelete(source, target);
        // Events that still name the deleted category are listed under the target from now on; so are the articles
        // filed under it before (the in-memory listing order folds a category in as soon as its tombstone exists,
        // before the repair re-points the stored listings).
        publishSimple("tomb-" + source + "-2", source, "之后的稿件", T.plusSeconds(60));
        await().untilAsserted(() -> assertThat(titles(target, "category")).containsExactly("之后的稿件", "早先的稿件"));

        assertThat(maintenance.repairIfFree()).isTrue();

        assertThat(get("/api/categories/{id}", source).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(titles(target, "category")).containsExactly("之后的稿件", "早先的稿件");
        assertThat(snapshotsOf(source, 2).get(2L).get("deleted").asBoolean()).isTrue();
        assertThat(send(HttpMethod.DELETE, "/api/categories/{id}", null, source).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
    }

    @Test
    void aChangeWhoseSnapshotWasNeverSentIsSentByTheRepair() {
        String id = create("原名", null);
        // A rename whose process died between the write and the send.
        mongo.updateFirst(query(where("_id").is(id)), new Update().set("name", "新名").inc("revision", 1)
                .set("lastChange", Change.RENAMED).set("eventPending", true), Category.class);

        maintenance.repairIfFree();

        JsonNode snapshot = snapshotsOf(id, 2).get(2L);
        assertThat(snapshot.get("name").asString()).isEqualTo("新名");
        assertThat(snapshot.get("change").asString()).isEqualTo("RENAMED");
        assertThat(categories.findById(id).orElseThrow().eventPending()).isFalse();
    }

    @Test
    void aLiveTreeLockMakesStructuralWritesGiveUpWithAConflictAndADeadHoldersLeaseExpires() {
        try {
            mongo.save(new org.bson.Document("_id", "tree").append("holder", "another-replica")
                    .append("expiresAt", java.util.Date.from(Instant.now().plusSeconds(60))), "category_locks");
            assertProblem(send(HttpMethod.POST, "/api/categories", java.util.Map.of("name", "等待", "slug",
                    unique("wait"))), HttpStatus.CONFLICT, null);

            mongo.save(new org.bson.Document("_id", "tree").append("holder", "a-replica-that-died")
                    .append("expiresAt", java.util.Date.from(Instant.now().minusSeconds(1))), "category_locks");
            create("接管", null);
        } finally {
            mongo.remove(query(where("_id").is("tree")), "category_locks");
        }
    }
}
