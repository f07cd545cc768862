package newsroom.article.search.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import newsroom.article.search.SearchDocument;
import newsroom.article.search.SearchIndex;
import newsroom.article.search.SearchRequest;
import newsroom.article.search.SearchResults;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The index in a directory on this replica's local disk. Writes go to Lucene's {@link IndexWriter} at once; a search
 * sees every write made at least {@code maxStaleness} before it started: a search reopens the near-real-time reader
 * when it finds writes it cannot see and the last reopen is older than that (see {@link #acquire}). They reach the
 * disk at the next commit (every {@code commitInterval}, and at close). A crash loses at most the uncommitted writes,
 * which the next start's catch-up takes from the store again: every document carries its article's revision for that
 * comparison.
 */
public class LuceneSearchIndex implements SearchIndex, Closeable {

    private static final Logger log = LoggerFactory.getLogger(LuceneSearchIndex.class);
    private static final String LAYOUT = "layout";
    /** Relevance first; among equals the newer article; then the id, so every hit has one place (cursors). */
    private static final Sort ORDER = new Sort(SortField.FIELD_SCORE,
            new SortField(ArticleFields.PUBLISHED_AT, SortField.Type.LONG, true),
            new SortField(ArticleFields.ID, SortField.Type.STRING));
    /** Past this many hits the collector stops counting and starts skipping blocks that cannot reach the page. */
    private static final int TOTAL_HITS_THRESHOLD = SearchResults.EXACT_TOTAL_UP_TO;
    private static final Set<String> HIT_FIELDS = Set.of(ArticleFields.ID, ArticleFields.TITLE, ArticleFields.SLUG,
            ArticleFields.SUMMARY, ArticleFields.PUBLISHED_AT, ArticleFields.CATEGORY_ID);

    private final Analyzer analyzer = new SmartChineseAnalyzer();
    private final QueryBuilder queries = new QueryBuilder(analyzer);
    private final Snippets snippets = new Snippets(analyzer);
    private final FSDirectory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final long maxStalenessNanos;
    /** When the last completed reopen started ({@link System#nanoTime}): it sees every write made before then. */
    private volatile long reopenedAt;
    private final ScheduledExecutorService committer;
    /** The revision last applied per article, held or removed: the guard against older writes. */
    private final Map<String, Long> applied = new ConcurrentHashMap<>();

    public LuceneSearchIndex(Path path, Duration maxStaleness, Duration commitInterval) {
        try {
            Files.createDirectories(path);
            directory = FSDirectory.open(path);
            writer = new IndexWriter(directory, new IndexWriterConfig(analyzer)
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                    .setRAMBufferSizeMB(64));
            String layout = writer.getLiveCommitData() == null ? null : liveCommitData().get(LAYOUT);
            if (layout != null && !ArticleFields.LAYOUT_VERSION.equals(layout)) {
                log.info("Search index in {} has layout {}, this code writes {}: emptied, to be rebuilt from the store",
                        path, layout, ArticleFields.LAYOUT_VERSION);
                writer.deleteAll();
            }
            searchers = new SearcherManager(writer, null);
            loadRevisions();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the search index in " + path, e);
        }
        maxStalenessNanos = maxStaleness.toNanos();
        reopenedAt = System.nanoTime() - maxStalenessNanos;
        committer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "search-index-commit");
            thread.setDaemon(true);
            return thread;
        });
        long every = commitInterval.toMillis();
        committer.scheduleWithFixedDelay(this::commitQuietly, every, every, TimeUnit.MILLISECONDS);
        log.info("Search index in {}: {} articles", path, applied.size());
    }

    @Override
    public boolean upsert(SearchDocument document) {
        boolean[] written = {false};
        applied.compute(document.id(), (id, known) -> {
            if (known != null && known >= document.revision()) {
                return known;
            }
            try {
                writer.updateDocument(new Term(ArticleFields.ID, id), ArticleFields.toLucene(document));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            written[0] = true;
            return document.revision();
        });
        return written[0];
    }

    @Override
    public boolean remove(String articleId, long revision) {
        boolean[] removed = {false};
        applied.compute(articleId, (id, known) -> {
            if (known != null && known > revision) {
                return known;
            }
            try {
                writer.deleteDocuments(new Term(ArticleFields.ID, id));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            removed[0] = true;
            return revision;
        });
        return removed[0];
    }

    @Override
    public Map<String, Long> revisions() {
        return Map.copyOf(applied);
    }

    @Override
    public SearchResults search(SearchRequest request) {
        Query query = queries.build(request.query(), request.categoryId());
        FieldDoc after = Cursors.decode(request.cursor());
        if (query == null) {
            return new SearchResults(List.of(), null, 0, SearchResults.Relation.EQUAL_TO);
        }
        try {
            IndexSearcher searcher = acquire();
            try {
                // One more than the page: whether it exists says whether a next cursor leads anywhere. The total is
                // the collector's: exact up to the threshold, a lower bound past it, where the collector stops
                // counting and skips blocks whose best score cannot make the page (a common word matches tens of
                // thousands of articles: scoring or counting each was most of the cost of a search).
                TopFieldDocs top = searcher.search(query,
                        new TopFieldCollectorManager(ORDER, request.size() + 1, after, TOTAL_HITS_THRESHOLD, false));
                return page(searcher, query, top, request.size());
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SearchResults page(IndexSearcher searcher, Query query, TopFieldDocs found, int size)
            throws IOException {
        boolean more = found.scoreDocs.length > size;
        TopDocs top = new TopDocs(found.totalHits,
                Arrays.copyOf(found.scoreDocs, Math.min(size, found.scoreDocs.length)));
        StoredFields stored = searcher.storedFields();
        List<org.apache.lucene.document.Document> docs = new ArrayList<>(top.scoreDocs.length);
        String[] summaries = new String[top.scoreDocs.length];
        for (int i = 0; i < top.scoreDocs.length; i++) {
            org.apache.lucene.document.Document doc = stored.document(top.scoreDocs[i].doc, HIT_FIELDS);
            docs.add(doc);
            summaries[i] = doc.get(ArticleFields.SUMMARY);
        }
        String[] highlights = top.scoreDocs.length == 0 ? new String[0]
                : snippets.of(searcher, query, top, summaries);
        List<SearchResults.Hit> hits = new ArrayList<>(docs.size());
        for (int i = 0; i < docs.size(); i++) {
            org.apache.lucene.document.Document doc = docs.get(i);
            long published = doc.getField(ArticleFields.PUBLISHED_AT).numericValue().longValue();
            hits.add(new SearchResults.Hit(doc.get(ArticleFields.ID), doc.get(ArticleFields.TITLE),
                    doc.get(ArticleFields.SLUG), doc.get(ArticleFields.SUMMARY),
                    published == 0 ? null : Instant.ofEpochMilli(published), doc.get(ArticleFields.CATEGORY_ID),
                    highlights[i]));
        }
        String next = more ? Cursors.encode((FieldDoc) top.scoreDocs[top.scoreDocs.length - 1]) : null;
        return new SearchResults(hits, next, found.totalHits.value,
                found.totalHits.relation == TotalHits.Relation.EQUAL_TO ? SearchResults.Relation.EQUAL_TO
                        : SearchResults.Relation.GREATER_THAN_OR_EQUAL_TO);
    }

    /**
     * Merges the index into one segment and makes that searchable. A rebuild leaves a dozen segments or more (one per
     * flushed buffer, merged only partly), and every search looks up each query word in each segment and collects
     * per segment; one segment made the slowest searches measurably faster (docs/search.md). Later writes add small
     * segments again, which the merge policy folds in as usual.
     */
    @Override
    public void bulkLoaded() {
        try {
            long start = System.nanoTime();
            writer.forceMerge(1);
            commit();
            searchers.maybeRefreshBlocking();
            log.info("Search index merged into one segment in {} ms", (System.nanoTime() - start) / 1_000_000);
        } catch (IOException e) {
            // Only slower searches: the index is whole either way.
            log.warn("Search index merge after a bulk load failed: {}", e.toString());
        }
    }

    /** Writes what was indexed to disk, with the layout it was written under. */
    public void commit() throws IOException {
        if (writer.hasUncommittedChanges()) {
            writer.setLiveCommitData(Map.of(LAYOUT, ArticleFields.LAYOUT_VERSION).entrySet());
            writer.commit();
        }
    }

    @Override
    public long size() {
        try {
            IndexSearcher searcher = acquire();
            try {
                return searcher.getIndexReader().numDocs();
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        committer.shutdownNow();
        commit();
        searchers.close();
        writer.close();
        directory.close();
    }

    /**
     * A searcher that sees every write made at least {@code maxStaleness} before this call. The reader is reopened
     * here, by a search, not on a timer: a reopen flushes the writes buffered since the last one into a new segment,
     * and a timer reopening every 100 ms while articles were published made ten small segments a second (and the
     * merges folding them in), about 6% of article-service's CPU while publishing, whether anyone searched or not.
     * Now a reopen happens only when a search finds writes it cannot see, and at most once per {@code maxStaleness}
     * (concurrent searches wait for one reopen and then find the reader current); without searches the commits
     * ({@code commitInterval}) flush the buffer.
     */
    private IndexSearcher acquire() throws IOException {
        long now = System.nanoTime();
        if (now - reopenedAt >= maxStalenessNanos && !searchers.isSearcherCurrent()) {
            // Searches arriving meanwhile wait for this reopen's lock, then find the reader current (a cheap check).
            searchers.maybeRefreshBlocking();
            reopenedAt = now;
        }
        return searchers.acquire();
    }

    private void commitQuietly() {
        try {
            commit();
        } catch (IOException | RuntimeException e) {
            // Next time, then; until it succeeds a restart takes the uncommitted changes from the store again.
            log.warn("Search index commit failed: {}", e.toString());
        }
    }

    private Map<String, String> liveCommitData() {
        Map<String, String> data = new HashMap<>();
        writer.getLiveCommitData().forEach(e -> data.put(e.getKey(), e.getValue()));
        return data;
    }

    private void loadRevisions() throws IOException {
        try (DirectoryReader reader = DirectoryReader.open(writer)) {
            for (LeafReaderContext leaf : reader.leaves()) {
                LeafReader leafReader = leaf.reader();
                SortedDocValues ids = leafReader.getSortedDocValues(ArticleFields.ID);
                NumericDocValues revisions = leafReader.getNumericDocValues(ArticleFields.REVISION);
                Bits live = leafReader.getLiveDocs();
                if (ids == null || revisions == null) {
                    continue;
                }
                for (int doc = 0; doc < leafReader.maxDoc(); doc++) {
                    if ((live == null || live.get(doc)) && ids.advanceExact(doc) && revisions.advanceExact(doc)) {
                        applied.put(ids.lookupOrd(ids.ordValue()).utf8ToString(), revisions.longValue());
                    }
                }
            }
        }
    }
}
