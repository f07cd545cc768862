package newsroom.category;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The local run loads the seed's categories through the API, in the seed's order; this is that load. */
class DemoSeedIntegrationTests extends IntegrationTestBase {

    @Test
    void theSeedsNewsCentreAndItsThirteenChildrenLoadInOrderAndTheSidebarListsThemInTheSeedsOrder()
            throws IOException {
        JsonNode seed;
        try (InputStream in = getClass().getResourceAsStream("/demo-categories.json")) {
            seed = JSON.readTree(in);
        }
        Map<String, String> idBySlug = new HashMap<>();
        List<String> childNames = new ArrayList<>();
        for (JsonNode c : seed.get("categories")) {
            JsonNode parent = c.get("parent");
            String parentId = parent == null || parent.isNull() ? null : idBySlug.get(parent.asString());
            JsonNode created = createCategory(c.get("name").asString(), c.get("slug").asString(), parentId,
                    c.get("sortOrder").asInt());
            idBySlug.put(c.get("slug").asString(), created.get("id").asString());
            if (parentId != null) {
                childNames.add(c.get("name").asString());
            }
        }
        assertThat(idBySlug).hasSize(14);
        String park = idBySlug.get("park-planning");

        JsonNode sidebar = getOk("/api/categories/{id}/siblings", park);
        assertThat(sidebar.findValuesAsString("name")).hasSize(13).containsExactlyElementsOf(childNames);
        assertThat(sidebar.findValues("sortOrder")).extracting(JsonNode::asInt)
                .containsExactly(10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130);

        assertThat(getOk("/api/categories/by-path/news/park-planning").get("id").asString()).isEqualTo(park);
        assertThat(getOk("/api/categories/{id}/breadcrumb", park).findValuesAsString("name"))
                .containsExactly("新闻中心", "园区规划");
        assertThat(getOk("/api/categories/{id}/children", idBySlug.get("news")).findValuesAsString("slug"))
                .containsExactly("institute-news", "policy-interpretation", "hightech-zone-news",
                        "regional-economy-research", "development-zone-news", "tech-innovation",
                        "emerging-industries-research", "industry-insights", "belt-and-road-news",
                        "smart-city-cases", "industrial-planning", "park-planning", "smart-city-news");
    }
}
