package newsroom.category.listing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import newsroom.category.IntegrationTestBase;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

class ListingOrderIntegrationTests extends IntegrationTestBase {

    static final Instant T = Instant.parse("2023-03-01T08:00:00Z");

    @Autowired
    ListingOrder order;

    @Autowired
    MongoTemplate mongo;

    @Test
    void onceTheStoredListingsAreReadInPagesAndCountsComeFromMemory() {
        await().until(order::isLoaded);
        String c = create("园区动态", null);
        for (int i = 0; i < 25; i++) {
            publishSimple(c + "-" + i, c, "第" + i + "篇", T.plusSeconds(i * 60L));
        }
        await().untilAsserted(() -> assertThat(getOk("/api/categories/{id}/articles?size=10", c).get("total")
                .asLong()).isEqualTo(25));

        List<String> seen = new ArrayList<>();
        JsonNode page = getOk("/api/categories/{id}/articles?size=10", c);
        while (true) {
            seen.addAll(page.get("items").findValuesAsString("title"));
            if (page.get("nextCursor") == null || page.get("nextCursor").isNull()) {
                break;
            }
            page = getOk("/api/categories/{id}/articles?size=10&cursor={c}", c, page.get("nextCursor").asString());
        }
        assertThat(seen).hasSize(25).doesNotHaveDuplicates().startsWith("第24篇", "第23篇").endsWith("第0篇");
        await().untilAsserted(() -> assertThat(articleCountInTree(getOk("/api/categories"), c)).isEqualTo(25));

        // A listing written to the store behind the events' back is not shown: the order is memory's, not a query's.
        String ghost = c + "-ghost";
        mongo.getCollection("listed_articles").insertOne(new Document("_id", ghost).append("revision", 1L)
                .append("listed", true).append("categoryId", c).append("title", "幽灵").append("pinned", true)
                .append("sortRank", 9).append("publishedAt", Date.from(T)));
        try {
            publishSimple(c + "-25", c, "第25篇", T.plusSeconds(3600));
            await().untilAsserted(() -> assertThat(titles(c, "category")).hasSize(26).startsWith("第25篇")
                    .doesNotContain("幽灵"));
        } finally {
            // Other tests compare the stored listings with a rebuild from the events.
            mongo.getCollection("listed_articles").deleteOne(new Document("_id", ghost));
        }
    }

    static long articleCountInTree(JsonNode nodes, String id) {
        for (JsonNode node : nodes) {
            if (id.equals(node.get("id").asString())) {
                return node.get("articleCount").asLong();
            }
            long below = articleCountInTree(node.get("children"), id);
            if (below >= 0) {
                return below;
            }
        }
        return -1;
    }
}
