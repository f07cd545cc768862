package newsroom.category;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

class CategoryTreeWritesIntegrationTests extends IntegrationTestBase {

    @Test
    void renamingReSluggingReorderingHidingAndShowingEachBumpTheRevisionAndAnnounceASnapshot() {
        JsonNode parent = createCategory("新闻中心", unique("news"), null, 1);
        String parentId = parent.get("id").asString();
        String id = createCategory("旧名", unique("old"), parentId, 10).get("id").asString();
        createCategory("其他", unique("other"), parentId, 20);

        assertThat(patch(id, Map.of("name", "园区规划")).get("revision").asLong()).isEqualTo(2);
        String slug = unique("park-planning");
        assertThat(patch(id, Map.of("slug", slug)).get("slug").asString()).isEqualTo(slug);
        patch(id, Map.of("sortOrder", 30));
        assertThat(names(getOk("/api/categories/{id}/siblings", id))).containsExactly("其他", "园区规划");
        patch(id, Map.of("hidden", true));
        assertThat(names(getOk("/api/categories/{id}/children", parentId))).containsExactly("其他");
        JsonNode shown = patch(id, Map.of("hidden", false));
        assertThat(shown.get("revision").asLong()).isEqualTo(6);
        assertThat(names(getOk("/api/categories/{id}/children", parentId))).containsExactly("其他", "园区规划");

        assertThat(getOk("/api/categories/by-path/{root}/{slug}", parent.get("slug").asString(), slug)
                .get("id").asString()).isEqualTo(id);
        assertThat(snapshotsOf(id, 6).values()).extracting(s -> s.get("change").asString())
                .containsExactly("CREATED", "RENAMED", "UPDATED", "REORDERED", "HIDDEN", "SHOWN");
    }

    @Test
    void putReplacesTheEditableFieldsAndRepeatingItChangesNothing() {
        String id = createCategory("甲", unique("a"), null, 5).get("id").asString();
        Map<String, Object> replacement = Map.of("name", "乙", "slug", unique("b"), "sortOrder", 7, "hidden", false);

        ResponseEntity<JsonNode> first = send(HttpMethod.PUT, "/api/categories/{id}", replacement, id);
        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(first.getBody().get("name").asString()).isEqualTo("乙");
        assertThat(first.getBody().get("sortOrder").asInt()).isEqualTo(7);
        assertThat(first.getBody().get("revision").asLong()).isEqualTo(2);

        ResponseEntity<JsonNode> again = send(HttpMethod.PUT, "/api/categories/{id}", replacement, id);
        assertThat(again.getBody().get("revision").asLong()).isEqualTo(2);

        ResponseEntity<JsonNode> incomplete = send(HttpMethod.PUT, "/api/categories/{id}",
                Map.of("slug", "x", "sortOrder", 1, "hidden", false), id);
        assertProblem(incomplete, HttpStatus.BAD_REQUEST, "name");

        ResponseEntity<JsonNode> blank = send(HttpMethod.PATCH, "/api/categories/{id}", Map.of("name", "\u3000"), id);
        assertProblem(blank, HttpStatus.BAD_REQUEST, "name");

        ResponseEntity<JsonNode> reparent = send(HttpMethod.PATCH, "/api/categories/{id}",
                Map.of("parentId", "999999"), id);
        assertProblem(reparent, HttpStatus.BAD_REQUEST, "parentId");

        assertThat(send(HttpMethod.PATCH, "/api/categories/{id}", Map.of("name", "x"), "999999").getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void reSluggingToASiblingsSlugIsAConflictNamingTheField() {
        String parent = create("父", null);
        String taken = unique("taken");
        createCategory("一", taken, parent, 1);
        String second = createCategory("二", unique("free"), parent, 2).get("id").asString();

        assertProblem(send(HttpMethod.PATCH, "/api/categories/{id}", Map.of("slug", taken), second),
                HttpStatus.CONFLICT, "slug");
        // The same slug under another parent is fine.
        String elsewhere = create("别处", null);
        createCategory("三", taken, elsewhere, 1);
    }

    @Test
    void movingASubtreeRewritesEveryDescendantPathAndAnnouncesEachChangedCategoryOnce() {
        String a = create("A", null);
        String b = create("B", a);
        String c = create("C", b);
        String d = create("D", c);
        String x = create("X", null);

        JsonNode moved = move(b, x);
        assertThat(moved.get("parentId").asString()).isEqualTo(x);
        assertThat(ids(moved.get("path"))).containsExactly(x, b);
        assertThat(ids(category(c).get("path"))).containsExactly(x, b, c);
        assertThat(ids(category(d).get("path"))).containsExactly(x, b, c, d);
        for (String id : List.of(b, c, d)) {
            assertThat(category(id).get("revision").asLong()).as(id).isEqualTo(2);
        }
        assertThat(category(a).get("revision").asLong()).isEqualTo(1);
        assertThat(getOk("/api/categories/{id}/breadcrumb", d).findValuesAsString("id")).containsExactly(x, b, c, d);
        assertThat(getOk("/api/categories/{id}/children", a)).isEmpty();

        for (String id : List.of(b, c, d)) {
            Map<Long, JsonNode> snapshots = snapshotsOf(id, 2);
            assertThat(snapshots.get(2L).get("change").asString()).isEqualTo("MOVED");
            assertThat(ids(snapshots.get(2L).get("path"))).endsWith(id).startsWith(x, b);
        }

        // Moving it again to where it is changes nothing.
        assertThat(move(b, x).get("revision").asLong()).isEqualTo(2);
        assertThat(category(d).get("revision").asLong()).isEqualTo(2);
    }

    @Test
    void aMoveThatWouldMakeACycleIsAConflictAndAnUnknownParentIsUnprocessable() {
        String a = create("A", null);
        String b = create("B", a);
        String c = create("C", b);

        assertProblem(moveRequest(a, c), HttpStatus.CONFLICT, "parentId");
        assertProblem(moveRequest(a, a), HttpStatus.CONFLICT, "parentId");
        assertProblem(moveRequest(b, "999999"), HttpStatus.UNPROCESSABLE_CONTENT, "parentId");
        assertProblem(moveRequest("999999", a), HttpStatus.NOT_FOUND, null);

        JsonNode root = move(b, null);
        assertThat(root.has("parentId")).isFalse();
        assertThat(ids(category(c).get("path"))).containsExactly(b, c);
    }

    @Test
    void aMoveIntoAParentWhoseChildHasTheSameSlugIsAConflict() {
        String slug = unique("same");
        String first = create("一", null);
        String second = create("二", null);
        createCategory("甲", slug, first, 1);
        String clash = createCategory("乙", slug, second, 1).get("id").asString();

        assertProblem(moveRequest(clash, first), HttpStatus.CONFLICT, "slug");
        assertThat(category(clash).get("parentId").asString()).isEqualTo(second);
    }

    @Test
    void anEmptyCategoryCanBeDeletedAndItsDeletionIsAnnounced() {
        String parent = create("父", null);
        String child = create("子", parent);

        assertProblem(send(HttpMethod.DELETE, "/api/categories/{id}", null, parent), HttpStatus.CONFLICT, null);

        assertThat(send(HttpMethod.DELETE, "/api/categories/{id}", null, child).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(get("/api/categories/{id}", child).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(getOk("/api/categories/{id}/children", parent)).isEmpty();
        // Repeating the DELETE is harmless.
        assertThat(send(HttpMethod.DELETE, "/api/categories/{id}", null, child).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);

        JsonNode deleted = snapshotsOf(child, 2).get(2L);
        assertThat(deleted.get("change").asString()).isEqualTo("DELETED");
        assertThat(deleted.get("deleted").asBoolean()).isTrue();

        assertThat(send(HttpMethod.DELETE, "/api/categories/{id}", null, parent).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
    }

    @Test
    void aCategoryWithListedArticlesIsDeletedOnlyWithATargetAndItsListingsMoveThere() {
        String source = create("旧栏目", null);
        String target = create("新栏目", null);
        Instant t = Instant.parse("2022-01-05T09:00:00Z");
        publishSimple("del-" + source + "-1", source, "第一篇", t);
        publishSimple("del-" + source + "-2", source, "第二篇", t.plusSeconds(60));
        await().untilAsserted(() -> assertThat(titles(source, "category")).hasSize(2));

        assertProblem(send(HttpMethod.DELETE, "/api/categories/{id}", null, source), HttpStatus.CONFLICT,
                "moveArticlesTo");
        assertProblem(send(HttpMethod.DELETE, "/api/categories/{id}?moveArticlesTo={t}", null, source, source),
                HttpStatus.UNPROCESSABLE_CONTENT, "moveArticlesTo");
        assertProblem(send(HttpMethod.DELETE, "/api/categories/{id}?moveArticlesTo=999999", null, source),
                HttpStatus.UNPROCESSABLE_CONTENT, "moveArticlesTo");

        assertThat(send(HttpMethod.DELETE, "/api/categories/{id}?moveArticlesTo={t}", null, source, target)
                .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(titles(target, "category")).containsExactly("第二篇", "第一篇");
        JsonNode page = getOk("/api/categories/{id}/articles", target);
        assertThat(page.get("items").findValuesAsString("categoryId")).containsOnly(target);
        assertThat(page.get("total").asLong()).isEqualTo(2);

        // article-service has not re-filed the article yet: its next event still names the deleted category.
        updated("del-" + source + "-1", 2, card("第一篇(修订)", source, List.of(source), t, false, 0), t);
        await().untilAsserted(() -> assertThat(titles(target, "category")).containsExactly("第二篇", "第一篇(修订)"));
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private JsonNode patch(String id, Map<String, Object> changes) {
        ResponseEntity<JsonNode> response = send(HttpMethod.PATCH, "/api/categories/{id}", changes, id);
        assertThat(response.getStatusCode()).as("PATCH " + changes + ": " + response.getBody())
                .isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    private ResponseEntity<JsonNode> moveRequest(String id, String parentId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("parentId", parentId);
        return send(HttpMethod.POST, "/api/categories/{id}/move", body, id);
    }

    static List<String> names(JsonNode categories) {
        return categories.findValuesAsString("name");
    }

}
