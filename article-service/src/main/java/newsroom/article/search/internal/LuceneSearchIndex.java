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
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 * The index in a directory on this replica's local disk. Writes go to Lucene's {@link IndexWriter} at once and become
 * searchable at the next near-real-time reopen (every {@code maxStaleness}; while writes arrive faster than
 * {@value #BUSY_WRITES_PER_SECOND} a second, as during an import, every {@link #BUSY_STALENESS} — each reopen writes
 * the documents since the last one as a new segment, which merges then rewrite, so segments of a few dozen documents
 * cost an import a tenth of this service's CPU); they reach the disk at the next commit
 * (every {@code commitInterval}, and at close). A crash loses at most the uncommitted writes, which the next start's
 * catch-up takes from the store again: every document carries its article's revision for that comparison.
 */
public class LuceneSearchIndex implements SearchIndex, Closeable {

    private static final Logger log = LoggerFactory.getLogger(LuceneSearchIndex.class);
    /** Writes a second above which the index reopens less often ({@link #BUSY_STALENESS}). */
    static final int BUSY_WRITES_PER_SECOND = 200;
    /** The reopen interval while busy: a change stays searchable well within a second. */
    static final Duration BUSY_STALENESS = Duration.ofMillis(500);
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
    private final ScheduledThreadPoolExecutor reopener;
    private final long quietStaleNanos;
    private final long busyStaleNanos;
    /** Documents written or removed since the last reopen. */
    private final AtomicInteger changed = new AtomicInteger();
    private long lastReopen = System.nanoTime();
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
        quietStaleNanos = maxStaleness.toNanos();
        busyStaleNanos = Math.max(quietStaleNanos, BUSY_STALENESS.toNanos());
        reopener = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "search-index-reopen");
            thread.setDaemon(true);
            return thread;
        });
        // At close the next reopen is dropped, one under way finishes (interrupted, its I/O would fail the writer).
        reopener.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        reopener.schedule(this::reopen, quietStaleNanos, TimeUnit.NANOSECONDS);
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
            changed.incrementAndGet();
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
            changed.incrementAndGet();
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
            IndexSearcher searcher = searchers.acquire();
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
            IndexSearcher searcher = searchers.acquire();
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
        reopener.shutdown();
        try {
            reopener.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        commit();
        searchers.close();
        writer.close();
        directory.close();
    }

    /** Makes the changes since the last reopen searchable, and schedules the next reopen by how many there were. */
    private void reopen() {
        long now = System.nanoTime();
        long elapsed = now - lastReopen;
        lastReopen = now;
        int writes = changed.getAndSet(0);
        try {
            if (writes > 0) {
                searchers.maybeRefreshBlocking();
            }
        } catch (IOException | RuntimeException e) {
            // Searches answer from the last reopen meanwhile; the next one tries again.
            changed.addAndGet(Math.max(writes, 1));
            log.warn("Search index reopen failed: {}", e.toString());
        }
        boolean busy = writes * 1_000_000_000L >= BUSY_WRITES_PER_SECOND * elapsed;
        try {
            reopener.schedule(this::reopen, busy ? busyStaleNanos : quietStaleNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closing) {
            // The index is being closed: no more reopens.
        }
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
