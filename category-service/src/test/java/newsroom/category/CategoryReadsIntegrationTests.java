package newsroom.category;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

class CategoryReadsIntegrationTests extends IntegrationTestBase {

    @Test
    void theWholeTreeComesInOneCallWithDirectAndSubtreeArticleCounts() {
        String root = create("新闻中心", null);
        String policy = create("政策解读", root);
        String local = create("地方政策", policy);
        String hidden = create("内部", root);
        send(HttpMethod.PATCH, "/api/categories/{id}", Map.of("hidden", true), hidden);

        Instant t = Instant.parse("2022-01-05T09:00:00Z");
        publishSimple("cnt-" + policy + "-1", policy, "一", t);
        publishSimple("cnt-" + policy + "-2", policy, "二", t);
        publishSimple("cnt-" + policy + "-3", policy, "撤下", t);
        unpublished("cnt-" + policy + "-3", 2, policy, t.plusSeconds(1));
        publishSimple("cnt-" + local + "-1", local, "三", t);
        publishSimple("cnt-" + hidden + "-1", hidden, "内部稿", t);

        await().untilAsserted(() -> {
            JsonNode tree = getOk("/api/categories");
            JsonNode rootNode = find(tree, root);
            assertThat(rootNode.get("articleCount").asLong()).isZero();
            assertThat(rootNode.get("subtreeArticleCount").asLong()).isEqualTo(3);
            assertThat(find(tree, policy).get("articleCount").asLong()).isEqualTo(2);
            assertThat(find(tree, policy).get("subtreeArticleCount").asLong()).isEqualTo(3);
            assertThat(find(tree, local).get("subtreeArticleCount").asLong()).isEqualTo(1);
            assertThat(find(tree, hidden)).isNull();

            JsonNode everything = getOk("/api/categories?includeHidden=true");
            assertThat(find(everything, root).get("subtreeArticleCount").asLong()).isEqualTo(4);
            assertThat(find(everything, hidden).get("hidden").asBoolean()).isTrue();
        });
    }

    @Test
    void aCategoryIsFoundBySlugPathFromTheRoot() {
        String rootSlug = unique("news");
        String root = createCategory("新闻中心", rootSlug, null, 1).get("id").asString();
        String child = createCategory("园区规划", "park-planning", root, 120).get("id").asString();

        JsonNode found = getOk("/api/categories/by-path/{root}/park-planning", rootSlug);
        assertThat(found.get("id").asString()).isEqualTo(child);
        assertThat(getOk("/api/categories/by-path/{root}", rootSlug).get("id").asString()).isEqualTo(root);

        // Slugs that are also words of this API's paths still resolve as slugs.
        String children = createCategory("子栏目", "children", root, 1).get("id").asString();
        assertThat(getOk("/api/categories/by-path/{root}/children", rootSlug).get("id").asString())
                .isEqualTo(children);

        ResponseEntity<JsonNode> missing = get("/api/categories/by-path/{root}/no-such", rootSlug);
        assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(missing.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aRootWhoseSlugIsAWordOfTheApiIsFoundByPathToo() {
        String root = createCategory("子", "siblings", null, 1).get("id").asString();
        assertThat(getOk("/api/categories/by-path/siblings").get("id").asString()).isEqualTo(root);
        assertThat(getOk("/api/categories/by-path/siblings/").get("id").asString()).isEqualTo(root);
    }

    @Test
    void chineseNamesWithTheSameSortOrderFollowPinyinNotCodePoints() {
        String parent = create("城市", null);
        createCategory("上海", unique("sh"), parent, 10);
        createCategory("北京", unique("bj"), parent, 10);
        createCategory("广州", unique("gz"), parent, 10);
        createCategory("重庆", unique("cq"), parent, 5);

        // The editor's sort order first; then 北京 (běi), 广州 (guǎng), 上海 (shàng), although 上 < 北 < 广 in Unicode.
        assertThat(getOk("/api/categories/{id}/children", parent).findValuesAsString("name"))
                .containsExactly("重庆", "北京", "广州", "上海");
        JsonNode inTree = find(getOk("/api/categories"), parent);
        assertThat(inTree.get("children").findValuesAsString("name")).containsExactly("重庆", "北京", "广州", "上海");
    }

    @Test
    void theSiblingsOfARootAreTheOtherVisibleRoots() {
        String root = create("根", null);
        assertThat(getOk("/api/categories/{id}/siblings", root).findValuesAsString("id")).contains(root);
        assertThat(get("/api/categories/{id}/siblings", "999999").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    static JsonNode find(JsonNode nodes, String id) {
        for (JsonNode node : nodes) {
            if (id.equals(node.get("id").asString())) {
                return node;
            }
            JsonNode children = node.get("children");
            JsonNode found = children == null ? null : find(children, id);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
