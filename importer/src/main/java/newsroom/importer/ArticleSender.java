package newsroom.importer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import newsroom.importer.dede.ImportItem;
import newsroom.importer.dede.Report;
import tools.jackson.databind.JsonNode;

/**
 * Sends articles to article-service in batches, a few requests in flight while the dump is still being read (a
 * bounded number, so memory stays flat), and sorts the answers: created, updated, unchanged, or reported. Items whose
 * category article-service does not know yet are sent again for up to a minute; a batch that fails (5xx, no
 * answer) is retried three times, then the import stops — and a re-run finishes it, as every item is idempotent.
 */
final class ArticleSender implements AutoCloseable {

    private static final long CATEGORY_WAIT_NANOS = 60_000_000_000L;

    private final NewsroomApi api;
    private final String site;
    private final int batchSize;
    private final Report report;
    private final ExecutorService senders;
    private final Semaphore inFlight;
    private final List<Future<?>> futures = new ArrayList<>();
    private final List<ImportItem> batch = new ArrayList<>();
    final AtomicInteger created = new AtomicInteger();
    final AtomicInteger updated = new AtomicInteger();
    final AtomicInteger unchanged = new AtomicInteger();
    final AtomicInteger rejected = new AtomicInteger();
    /** Published articles that are here now (created, updated or unchanged): what listings should show. */
    final AtomicInteger published = new AtomicInteger();
    final AtomicInteger eventsSent = new AtomicInteger();
    final AtomicInteger eventsPending = new AtomicInteger();

    /** @param api null for a dry run: batches are formed, nothing is sent */
    ArticleSender(NewsroomApi api, String site, int batchSize, int parallel, Report report) {
        this.api = api;
        this.site = site;
        this.batchSize = batchSize;
        this.report = report;
        this.senders = Executors.newFixedThreadPool(parallel);
        this.inFlight = new Semaphore(parallel * 2);
    }

    void add(ImportItem item) throws InterruptedException {
        batch.add(item);
        if (batch.size() >= batchSize) {
            flush();
        }
    }

    private void flush() throws InterruptedException {
        if (batch.isEmpty()) {
            return;
        }
        List<ImportItem> items = List.copyOf(batch);
        batch.clear();
        inFlight.acquire();
        futures.add(senders.submit(() -> {
            try {
                send(items);
            } finally {
                inFlight.release();
            }
            return null;
        }));
    }

    /** Sends what is left and waits for every answer; throws the first failure. */
    void finish() throws Exception {
        flush();
        for (Future<?> future : futures) {
            future.get();
        }
    }

    private void send(List<ImportItem> items) throws IOException, InterruptedException {
        if (api == null) {
            return; // a dry run: mapped, not sent
        }
        long deadline = System.nanoTime() + CATEGORY_WAIT_NANOS;
        List<ImportItem> pending = items;
        while (!pending.isEmpty()) {
            JsonNode answer = post(pending);
            eventsSent.addAndGet(answer.path("eventsSent").asInt());
            eventsPending.addAndGet(answer.path("eventsPending").asInt());
            List<ImportItem> retry = new ArrayList<>();
            JsonNode results = answer.get("items");
            for (int i = 0; i < pending.size(); i++) {
                JsonNode result = results.get(i);
                String outcome = result.get("outcome").asString();
                if (Set.of("CREATED", "UPDATED", "UNCHANGED").contains(outcome)
                        && "PUBLISHED".equals(pending.get(i).status())) {
                    published.incrementAndGet();
                }
                switch (outcome) {
                    case "CREATED" -> created.incrementAndGet();
                    case "UPDATED" -> updated.incrementAndGet();
                    case "UNCHANGED" -> unchanged.incrementAndGet();
                    case "CATEGORY_UNKNOWN" -> {
                        if (System.nanoTime() < deadline) {
                            retry.add(pending.get(i));
                        } else {
                            rejected.incrementAndGet();
                            report.skip("category not known to article-service", "aid " + pending.get(i).sourceId()
                                    + ": " + result.path("reason").asString());
                        }
                    }
                    default -> {
                        rejected.incrementAndGet();
                        report.skip("refused by article-service (" + result.path("field").asString("item") + ")",
                                "aid " + pending.get(i).sourceId() + " " + pending.get(i).title() + ": "
                                        + result.path("reason").asString());
                    }
                }
            }
            if (!retry.isEmpty()) {
                Thread.sleep(500);
            }
            pending = retry;
        }
    }

    private JsonNode post(List<ImportItem> items) throws IOException, InterruptedException {
        Map<String, Object> body = Map.of("system", "DedeCMS", "site", site, "items", items);
        IOException last = null;
        for (int attempt = 0; attempt < 4; attempt++) {
            try {
                return api.importBatch(body);
            } catch (IOException e) {
                last = e;
                Thread.sleep(1000L << attempt);
            }
        }
        throw last;
    }

    @Override
    public void close() {
        senders.shutdownNow();
    }
}
