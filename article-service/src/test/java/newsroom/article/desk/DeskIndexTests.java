package newsroom.article.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import newsroom.article.editorial.ArticleStatus;
import newsroom.platform.web.ProblemException;
import org.junit.jupiter.api.Test;

/** The desk's pages: cursor, filters and both orders, on the index alone (plain Java, no Spring). */
class DeskIndexTests {

    private static final long T0 = Instant.parse("2026-12-01T08:00:00Z").toEpochMilli();

    private final DeskIndex index = new DeskIndex();

    private static DeskEntry entry(int id, long updated, ArticleStatus status, String author, String title,
            String... path) {
        return new DeskEntry(String.valueOf(id), title, DeskEntry.fold(title), status,
                path.length == 0 ? null : path[path.length - 1], path, author, null, updated, null, 1, 0);
    }

    private static DeskQuery query(String status, String category, String author, String q, String sort, int size,
            String cursor) {
        return DeskQuery.parse(status == null ? null : List.of(status), category, author, q, sort,
                String.valueOf(size), cursor);
    }

    private List<String> all(String sort, int size, String status) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            DeskIndex.Page page = index.page(query(status, null, null, null, sort, size, cursor));
            page.items().forEach(e -> ids.add(e.id()));
            cursor = page.nextCursor();
        } while (cursor != null);
        return ids;
    }

    @Test
    void theCursorWalksEveryArticleOnceInOrderEvenWhenArticlesAreAddedMeanwhile() {
        for (int i = 1; i <= 95; i++) {
            // pairs share a time: the id breaks the tie, so the order is total
            index.put(entry(i, T0 + i / 2 * 1000L, ArticleStatus.DRAFT, "writer", "稿件" + i));
        }
        DeskIndex.Page first = index.page(query(null, null, null, null, null, 10, null));
        assertThat(first.items()).extracting(DeskEntry::id).startsWith("95", "94", "93");
        assertThat(first.total()).isEqualTo(95);

        List<String> seen = new ArrayList<>(first.items().stream().map(DeskEntry::id).toList());
        String cursor = first.nextCursor();
        int added = 0;
        while (cursor != null) {
            // newer articles arrive between pages: they go before the cursor, never into the pages still to come
            index.put(entry(1000 + added, T0 + 10_000_000L + added, ArticleStatus.DRAFT, "writer", "新稿" + added));
            added++;
            DeskIndex.Page page = index.page(query(null, null, null, null, null, 10, cursor));
            page.items().forEach(e -> seen.add(e.id()));
            cursor = page.nextCursor();
        }
        List<String> expected = new ArrayList<>();
        for (int i = 95; i >= 1; i--) {
            expected.add(String.valueOf(i));
        }
        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(added).isEqualTo(9);
    }

    @Test
    void eachFilterKeepsOnlyItsArticlesAndTheTotalCountsThemAll() {
        index.put(entry(1, T0 + 1, ArticleStatus.DRAFT, "writer", "园区规划草稿", "1", "13"));
        index.put(entry(2, T0 + 2, ArticleStatus.IN_REVIEW, "writer", "数字经济 待审", "1", "12"));
        index.put(entry(3, T0 + 3, ArticleStatus.PUBLISHED, "editor", "ＡＩ 产业集群", "1", "13"));
        index.put(entry(4, T0 + 4, ArticleStatus.PUBLISHED, "writer2", "别的栏目", "2"));

        assertThat(ids(query("PUBLISHED", null, null, null, null, 20, null))).containsExactly("4", "3");
        assertThat(ids(query("DRAFT,IN_REVIEW", null, null, null, null, 20, null))).containsExactly("2", "1");
        assertThat(ids(query(null, "1", null, null, null, 20, null))).containsExactly("3", "2", "1");
        assertThat(ids(query(null, "13", null, null, null, 20, null))).containsExactly("3", "1");
        assertThat(ids(query(null, null, "writer", null, null, 20, null))).containsExactly("2", "1");
        assertThat(ids(query(null, null, null, "ai", null, 20, null))).as("NFKC, any case").containsExactly("3");
        assertThat(ids(query(null, null, null, "园区", null, 20, null))).containsExactly("1");
        assertThat(ids(query(null, null, null, "4", null, 20, null))).as("an id").containsExactly("4");
        DeskIndex.Page combined = index.page(query("PUBLISHED", "1", "editor", "产业", null, 20, null));
        assertThat(combined.items()).extracting(DeskEntry::id).containsExactly("3");
        assertThat(combined.total()).isEqualTo(1);
        assertThat(index.page(query("DRAFT", null, null, null, null, 1, null)).total()).isEqualTo(1);
    }

    @Test
    void sortingByViewsPutsTheMostViewedFirstAndPagesThroughEveryArticleOnce() {
        for (int i = 1; i <= 30; i++) {
            index.put(entry(i, T0 + i, ArticleStatus.PUBLISHED, "editor", "文章" + i));
        }
        index.views("7", 500);
        index.views("3", 900);
        index.views("99", 42); // not known yet: kept until the article arrives
        index.put(entry(99, T0, ArticleStatus.PUBLISHED, "editor", "后到的文章"));

        List<String> byViews = all("views", 4, null);
        assertThat(byViews).hasSize(31).doesNotHaveDuplicates().startsWith("3", "7", "99", "30", "29");
        assertThat(index.page(query(null, null, null, null, "views", 1, null)).items().get(0).views()).isEqualTo(900);

        // a newer save of an article keeps its views; an older one arriving late changes nothing
        index.put(new DeskEntry("3", "改过的标题", DeskEntry.fold("改过的标题"), ArticleStatus.PUBLISHED, null,
                new String[0], "editor", null, T0 + 100, null, 2, 0));
        index.put(entry(3, T0 + 200, ArticleStatus.DRAFT, "editor", "旧的"));
        DeskEntry top = index.page(query(null, null, null, null, "views", 1, null)).items().get(0);
        assertThat(top.title()).isEqualTo("改过的标题");
        assertThat(top.views()).isEqualTo(900);
        assertThat(all("updated", 7, null)).hasSize(31).doesNotHaveDuplicates().startsWith("3", "30");
    }

    @Test
    void aCursorOfTheOtherSortOrGarbageIsAProblemNamingTheCursor() {
        index.put(entry(1, T0, ArticleStatus.DRAFT, "writer", "一"));
        index.put(entry(2, T0 + 1, ArticleStatus.DRAFT, "writer", "二"));
        String cursor = index.page(query(null, null, null, null, "updated", 1, null)).nextCursor();
        assertThat(cursor).isNotNull();
        for (String bad : List.of("!!!", "dTox", cursor)) {
            assertThatThrownBy(() -> query(null, null, null, null, "views", 1, bad))
                    .isInstanceOfSatisfying(ProblemException.class,
                            p -> assertThat(p.field()).isEqualTo("cursor"));
        }
    }

    private List<String> ids(DeskQuery query) {
        return index.page(query).items().stream().map(DeskEntry::id).toList();
    }
}
