package newsroom.article.search.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import newsroom.article.search.SearchDocument;
import newsroom.article.search.SearchQuery;
import newsroom.article.search.SearchRequest;
import newsroom.article.search.SearchResults;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Lucene index on its own: segmentation, the revision guard, freshness, and what survives a restart. */
class LuceneSearchIndexTests {

    private static final Duration FAST = Duration.ofMillis(10);

    @TempDir
    Path dir;

    @Test
    void segmentsChineseSoThatAWordInsideALongerRunIsFound() throws IOException {
        try (LuceneSearchIndex index = open()) {
            index.upsert(doc("1", 1, "打造数字经济时代产业创新集群", "<p>苏州工业园区</p>"));
            index.upsert(doc("2", 1, "数字技术", "<p>经济运行平稳</p>"));
            awaitSearchable(index, 2);

            assertThat(ids(index, "数字经济")).as("the compound first, the scattered words after")
                    .containsExactly("1", "2");
            assertThat(ids(index, "苏州")).containsExactly("1");
            assertThat(ids(index, "产业集群")).containsExactly("1");
            assertThat(ids(index, "\"数字经济\"")).as("as a phrase").containsExactly("1");
        }
    }

    @Test
    void wordsNextToEachOtherAsTypedRankAboveTheSameWordsApart() throws IOException {
        try (LuceneSearchIndex index = open()) {
            index.upsert(doc("1", 1, "发展数字经济的技术", ""));
            index.upsert(doc("2", 1, "数字技术带动经济", "<p>数字经济</p>"));
            index.upsert(doc("3", 1, "数字技术推动经济", ""));
            awaitSearchable(index, 3);

            assertThat(ids(index, "数字经济")).as("adjacent in the title, then in the body, then apart (newest)")
                    .containsExactly("1", "2", "3");
        }
    }

    @Test
    void theSnippetIsTheBodysPassageElseTheSummaryElseTheTitleWithACompoundMarkedAsOne() throws IOException {
        try (LuceneSearchIndex index = open()) {
            index.upsert(new SearchDocument("1", 1, "园区规划", "苏州发布", "我们发展数字经济的技术。", List.of(), "",
                    null, "1", List.of("1"), Instant.parse("2024-01-01T00:00:00Z")));
            awaitSearchable(index, 1);

            assertThat(highlight(index, "数字经济")).as("two words to the index, one mark to a reader")
                    .isEqualTo("我们发展<mark>数字经济</mark>的技术。");
            assertThat(highlight(index, "\"数字经济\"")).isEqualTo("我们发展<mark>数字经济</mark>的技术。");
            assertThat(highlight(index, "苏州")).as("no match in the body").isEqualTo("<mark>苏州</mark>发布");
            assertThat(highlight(index, "规划")).as("only in the title").isEqualTo("园区<mark>规划</mark>");
        }
    }

    @Test
    void theTotalIsExactUpToAThousandAndALowerBoundPastIt() throws IOException {
        try (LuceneSearchIndex index = open()) {
            for (int n = 1; n <= 1_500; n++) {
                index.upsert(doc(String.valueOf(n), 1, n % 3 == 0 ? "园区规划" : "园区通知", ""));
            }
            awaitSearchable(index, 1_500);

            SearchResults few = index.search(new SearchRequest(SearchQuery.parse("规划"), null, 10, null));
            assertThat(few.total()).isEqualTo(500);
            assertThat(few.totalRelation()).isEqualTo(SearchResults.Relation.EQUAL_TO);
            SearchResults many = index.search(new SearchRequest(SearchQuery.parse("园区"), null, 10, null));
            assertThat(many.total()).isBetween((long) SearchResults.EXACT_TOTAL_UP_TO, 1_500L);
            assertThat(many.totalRelation()).isEqualTo(SearchResults.Relation.GREATER_THAN_OR_EQUAL_TO);
            assertThat(many.items()).hasSize(10);
            assertThat(many.nextCursor()).isNotNull();
        }
    }

    @Test
    void olderRevisionsChangeNothing() throws IOException {
        try (LuceneSearchIndex index = open()) {
            assertThat(index.upsert(doc("7", 2, "新的标题", ""))).isTrue();
            assertThat(index.upsert(doc("7", 1, "旧的标题", ""))).isFalse();
            assertThat(index.remove("7", 1)).isFalse();
            awaitSearchable(index, 1);
            assertThat(ids(index, "新的")).containsExactly("7");

            assertThat(index.remove("7", 3)).isTrue();
            assertThat(index.upsert(doc("7", 2, "新的标题", ""))).as("older than the removal").isFalse();
            assertThat(index.upsert(doc("7", 4, "再次发布", ""))).isTrue();
            // The size is 1 before and after this change: wait for what the change makes searchable, not for a size
            // a stale searcher already shows (that raced the 10 ms refresh on a busy machine).
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                    .until(() -> ids(index, "再次").equals(List.of("7")));
            assertThat(index.size()).isEqualTo(1);
            assertThat(ids(index, "新的")).as("the removed revision's title").isEmpty();
            assertThat(index.revisions()).containsEntry("7", 4L);
        }
    }

    @Test
    void aSearchReopensTheReaderForWritesItCannotSeeAtMostOncePerMaxStaleness() throws IOException {
        // No staleness allowed: every search sees every write before it, with no reopen thread to wait for.
        try (LuceneSearchIndex index = new LuceneSearchIndex(dir.resolve("fresh"), Duration.ZERO,
                Duration.ofHours(1))) {
            for (int i = 1; i <= 3; i++) {
                index.upsert(doc(String.valueOf(i), 1, "园区规划" + i, ""));
                assertThat(index.size()).isEqualTo(i);
                assertThat(ids(index, "园区")).hasSize(i);
            }
        }
        // An hour allowed: the first search reopens, the writes after it wait for the next reopen that is due.
        try (LuceneSearchIndex index = new LuceneSearchIndex(dir.resolve("hour"), Duration.ofHours(1),
                Duration.ofHours(1))) {
            index.upsert(doc("1", 1, "园区规划", ""));
            assertThat(ids(index, "园区")).containsExactly("1");
            index.upsert(doc("2", 1, "园区动态", ""));
            assertThat(ids(index, "园区")).as("within the hour since the last reopen").containsExactly("1");
            assertThat(index.size()).isEqualTo(1);
        }
    }

    @Test
    void aReopenedIndexHoldsWhatItHadWithTheRevisions() throws IOException {
        try (LuceneSearchIndex index = open()) {
            index.upsert(doc("1", 5, "园区规划", ""));
            index.upsert(doc("2", 3, "通知公告", ""));
            index.remove("2", 4);
        }
        try (LuceneSearchIndex reopened = open()) {
            assertThat(reopened.size()).isEqualTo(1);
            assertThat(reopened.revisions()).isEqualTo(Map.of("1", 5L));
            assertThat(ids(reopened, "园区")).containsExactly("1");
        }
    }

    @Test
    void anIndexWrittenUnderAnotherLayoutIsEmptiedForARebuild() throws IOException {
        try (LuceneSearchIndex index = open()) {
            index.upsert(doc("1", 1, "园区规划", ""));
        }
        try (FSDirectory directory = FSDirectory.open(dir);
                IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig())) {
            writer.setLiveCommitData(Map.of("layout", "0").entrySet());
            writer.commit();
        }
        try (LuceneSearchIndex reopened = open()) {
            assertThat(reopened.size()).isZero();
            assertThat(reopened.revisions()).isEmpty();
        }
    }

    private LuceneSearchIndex open() {
        return new LuceneSearchIndex(dir, FAST, Duration.ofHours(1));
    }

    private static SearchDocument doc(String id, long revision, String title, String body) {
        return new SearchDocument(id, revision, title, "", SearchDocument.textOf(body), List.of(), "", null, "1",
                List.of("1"), Instant.parse("2024-01-0" + (id.length() % 9 + 1) + "T00:00:00Z").plusSeconds(
                        Long.parseLong(id)));
    }

    private static List<String> ids(LuceneSearchIndex index, String q) {
        SearchResults results = index.search(new SearchRequest(SearchQuery.parse(q), null, 10, null));
        return results.items().stream().map(SearchResults.Hit::id).toList();
    }

    private static String highlight(LuceneSearchIndex index, String q) {
        return index.search(new SearchRequest(SearchQuery.parse(q), null, 10, null)).items().get(0).highlight();
    }

    private static void awaitSearchable(LuceneSearchIndex index, long size) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> index.size() == size);
    }
}
