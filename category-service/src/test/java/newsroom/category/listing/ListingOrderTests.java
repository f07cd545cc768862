package newsroom.category.listing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import newsroom.category.listing.ListingOrder.Key;
import org.junit.jupiter.api.Test;

class ListingOrderTests {

    static final Function<String, String> NOTHING_MOVED = id -> null;
    static final Instant T = Instant.parse("2026-01-05T08:00:00Z");

    final ListingOrder order = new ListingOrder();

    void list(String id, long revision, String category, boolean pinned, int rank, Instant at) {
        order.listed(id, revision, category, new Key(pinned, rank, at, id));
    }

    @Test
    void pagesComeInListingOrderPinnedThenRankThenNewestWithoutADateLastThenHigherId() {
        list("1", 1, "c", false, 0, T);
        list("2", 1, "c", false, 0, T.plusSeconds(60));
        list("3", 1, "c", true, 0, T.minusSeconds(3600));
        list("4", 1, "c", false, 5, T.minusSeconds(7200));
        list("5", 1, "c", false, 0, null);
        list("6", 1, "c", false, 0, T);

        assertThat(order.page(List.of("c"), null, 10, NOTHING_MOVED))
                .isEqualTo(new ListingOrder.Page(List.of("3", "4", "2", "6", "1", "5"), 6));
        ListingOrder.Page firstTwo = order.page(List.of("c"), null, 2, NOTHING_MOVED);
        assertThat(firstTwo.articleIds()).containsExactly("3", "4");
        Key afterSecond = new Key(false, 5, T.minusSeconds(7200), "4");
        assertThat(order.page(List.of("c"), afterSecond, 3, NOTHING_MOVED).articleIds()).containsExactly("2", "6", "1");
    }

    @Test
    void aSubtreePageMergesItsCategoriesAndCountsThemAll() {
        for (int i = 0; i < 30; i++) {
            list("a" + (100 + i), 1, i % 2 == 0 ? "even" : "odd", false, 0, T.plusSeconds(i));
        }
        ListingOrder.Page page = order.page(List.of("even", "odd"), null, 4, NOTHING_MOVED);
        assertThat(page.articleIds()).containsExactly("a129", "a128", "a127", "a126");
        assertThat(page.total()).isEqualTo(30);
        assertThat(order.page(List.of("odd"), null, 100, NOTHING_MOVED).total()).isEqualTo(15);
    }

    @Test
    void onlyANewerRevisionMovesUnlistsOrListsAgain() {
        list("7", 2, "c", false, 0, T);
        list("7", 1, "elsewhere", false, 0, T);                    // late, older: ignored
        assertThat(order.page(List.of("elsewhere"), null, 10, NOTHING_MOVED).total()).isZero();

        list("7", 3, "d", false, 0, T);                            // a move
        assertThat(order.page(List.of("c"), null, 10, NOTHING_MOVED).total()).isZero();
        assertThat(order.page(List.of("d"), null, 10, NOTHING_MOVED).articleIds()).containsExactly("7");

        order.unlisted("7", 4);
        list("7", 3, "d", false, 0, T);                            // redelivered: stays unlisted
        assertThat(order.page(List.of("d"), null, 10, NOTHING_MOVED).total()).isZero();
        list("7", 5, "d", true, 0, T);                             // published again
        assertThat(order.page(List.of("d"), null, 10, NOTHING_MOVED).articleIds()).containsExactly("7");
    }

    @Test
    void aDeletedCategorysArticlesListAndCountWhereTheyWent() {
        list("8", 1, "gone", false, 0, T);
        list("9", 1, "kept", false, 0, T.plusSeconds(1));
        Function<String, String> goneToKept = id -> id.equals("gone") ? "kept" : null;

        assertThat(order.page(List.of("kept"), null, 10, goneToKept).articleIds()).containsExactly("9", "8");
        assertThat(order.countsByCategory(goneToKept)).isEqualTo(Map.of("kept", 2L));
        assertThat(order.countsByCategory(NOTHING_MOVED)).isEqualTo(Map.of("kept", 1L, "gone", 1L));
    }
}
