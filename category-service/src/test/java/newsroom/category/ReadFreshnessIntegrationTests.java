package newsroom.category;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import newsroom.category.tree.Category;
import newsroom.contracts.CloudEventHeaders;
import newsroom.contracts.EventTypes;
import newsroom.contracts.Topics;
import newsroom.testing.TopicProbe;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

/**
 * Tree reads and first listing pages come from memory (CategoryReads); these check that every change shows there
 * within a second: this replica's own tree writes at once, another replica's through {@code category-changed}, and
 * listings through {@code article-lifecycle}.
 */
class ReadFreshnessIntegrationTests extends IntegrationTestBase {

    static final Duration BOUND = Duration.ofSeconds(1);
    static final Instant T = Instant.parse("2024-03-01T08:00:00Z");

    @Autowired
    MongoTemplate mongo;

    @Test
    void aRenameAMoveAndAHideShowInEveryTreeReadAtOnce() {
        String root = create("新闻中心", null);
        String other = create("专题", null);
        String child = createCategory("园区规划", "plan-" + Long.toString(System.nanoTime(), 36), root, 10)
                .get("id").asString();
        String sibling = create("园区动态", root);
        assertThat(names(getOk("/api/categories/{id}/breadcrumb", child))).containsExactly("新闻中心", "园区规划");

        send(HttpMethod.PATCH, "/api/categories/{id}", Map.of("name", "园区规划(新)"), child);
        assertThat(names(getOk("/api/categories/{id}/breadcrumb", child))).containsExactly("新闻中心", "园区规划(新)");
        assertThat(names(getOk("/api/categories/{id}/siblings", sibling))).contains("园区规划(新)");
        assertThat(category(child).get("name").asString()).isEqualTo("园区规划(新)");

        move(child, other);
        assertThat(names(getOk("/api/categories/{id}/breadcrumb", child))).containsExactly("专题", "园区规划(新)");
        assertThat(names(getOk("/api/categories/{id}/children", root))).doesNotContain("园区规划(新)");
        assertThat(names(getOk("/api/categories/{id}/children", other))).containsExactly("园区规划(新)");
        String otherSlug = category(other).get("slug").asString();
        String childSlug = category(child).get("slug").asString();
        assertThat(getOk("/api/categories/by-path/{a}/{b}", otherSlug, childSlug).get("id").asString())
                .isEqualTo(child);

        send(HttpMethod.PATCH, "/api/categories/{id}", Map.of("hidden", true), sibling);
        assertThat(names(getOk("/api/categories/{id}/children", root))).doesNotContain("园区动态");
        assertThat(getOk("/api/categories").findValuesAsString("id")).doesNotContain(sibling);
    }

    @Test
    void anotherReplicasTreeWriteShowsThroughCategoryChangedWithinASecond() {
        String root = create("新闻中心", null);
        String child = create("园区规划", root);
        awaitFollowingCategoryChanged(child);

        // Another replica renames: the store changes behind this replica's back, and its snapshot goes out.
        rename(child, "别处改名");
        announce(child);
        await().atMost(BOUND).untilAsserted(() -> assertThat(names(getOk("/api/categories/{id}/breadcrumb", child)))
                .containsExactly("新闻中心", "别处改名"));
    }

    @Test
    void publishingAndUnpublishingShowInTheFirstListingPageAndTheTreeCountsWithinASecond() {
        String root = create("新闻中心", null);
        String child = create("园区规划", root);
        assertThat(firstPage(root)).isEmpty();

        publishSimple(child + "-a", child, "第一篇", T);
        await().atMost(BOUND).untilAsserted(() -> assertThat(firstPage(root)).containsExactly("第一篇"));
        publishSimple(child + "-b", child, "第二篇", T.plusSeconds(60));
        await().atMost(BOUND).untilAsserted(() -> assertThat(firstPage(root)).containsExactly("第二篇", "第一篇"));
        await().atMost(BOUND).untilAsserted(() -> assertThat(treeNode(root).get("subtreeArticleCount").asLong())
                .isEqualTo(2));

        updated(child + "-a", 2, card("第一篇(改)", child, List.of(root, child), T, false, 0), T);
        await().atMost(BOUND).untilAsserted(() -> assertThat(firstPage(root)).containsExactly("第二篇", "第一篇(改)"));

        unpublished(child + "-b", 2, child, T);
        await().atMost(BOUND).untilAsserted(() -> assertThat(firstPage(root)).containsExactly("第一篇(改)"));
        assertThat(treeNode(root).get("subtreeArticleCount").asLong()).isEqualTo(1);
    }

    private List<String> firstPage(String categoryId) {
        JsonNode page = getOk("/api/categories/{id}/articles?scope=subtree&size=20", categoryId);
        return page.get("items").findValuesAsString("title");
    }

    private JsonNode treeNode(String rootId) {
        for (JsonNode node : getOk("/api/categories")) {
            if (node.get("id").asString().equals(rootId)) {
                return node;
            }
        }
        throw new AssertionError("root " + rootId + " not in the tree");
    }

    /**
     * The tree-changes consumer has an anonymous group that starts at the end of the topic once it is assigned;
     * waits (not part of any bound) until a record reaches it.
     */
    private void awaitFollowingCategoryChanged(String id) {
        rename(id, "园区规划(探针)");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            announce(id);
            return getOk("/api/categories/{id}", id).get("name").asString().equals("园区规划(探针)");
        });
    }

    private void rename(String id, String name) {
        mongo.updateFirst(query(where("_id").is(id)), new Update().set("name", name).inc("revision", 1)
                .inc("version", 1), Category.class);
    }

    private void announce(String id) {
        Category c = mongo.findById(id, Category.class);
        TopicProbe.send(Topics.CATEGORY_CHANGED, id, """
                {"categoryId":"%s","revision":%d,"change":"RENAMED","name":"%s","slug":"%s","parentId":"%s",
                 "path":[],"sortOrder":0,"hidden":false,"deleted":false,"occurredAt":"2024-01-01T00:00:00Z"}
                """.formatted(id, c.revision(), c.name(), c.slug(), c.parentId()),
                Map.of(CloudEventHeaders.TYPE, EventTypes.CATEGORY_CHANGED));
    }

    private static List<String> names(JsonNode views) {
        assertThat(views.isArray()).isTrue();
        return views.findValuesAsString("name");
    }
}
