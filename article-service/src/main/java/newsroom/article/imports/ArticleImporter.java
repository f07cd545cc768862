package newsroom.article.imports;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import newsroom.article.categories.CategoryReplica;
import newsroom.article.categories.KnownCategory;
import newsroom.article.editorial.Article;
import newsroom.article.editorial.Caller;
import newsroom.article.editorial.ImportedArticles;
import newsroom.article.editorial.ImportedContent;
import newsroom.article.editorial.Revision;
import newsroom.article.imports.ImportRecord.State;
import newsroom.article.imports.ImportResponse.Item;
import newsroom.article.imports.ImportResponse.Outcome;
import newsroom.article.legacy.LegacyPaths;
import newsroom.article.legacy.LegacyUrl;
import newsroom.article.legacy.LegacyUrls;
import newsroom.article.outbox.BulkOutbox;
import newsroom.contracts.ImportedFrom;
import newsroom.platform.mongo.SequenceGenerator;
import newsroom.platform.web.ProblemException;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Imports a batch of articles from another system through the editorial write model, in a handful of bulk writes
 * per batch instead of several round trips per article:
 * <ol>
 *   <li>each item is checked on its own (a bad one is reported with its field and skipped);</li>
 *   <li>the import records of the whole batch are read at once (by id): an item whose content hash is unchanged is
 *       done — which is why a re-import is fast and writes nothing;</li>
 *   <li>new articles get ids from one reserved block, their records are written {@code PENDING}, then their first
 *       revisions, then the articles themselves with their {@code article-published} events
 *       ({@link BulkOutbox}), then their old addresses, then the records {@code DONE};</li>
 *   <li>a changed item is applied as an edit of its article (a new revision; {@code article-updated} if it is
 *       published).</li>
 * </ol>
 * Nothing is half-written: each article is one document with its event, and a run that dies anywhere is finished
 * by the next run of the same batch (see {@link ImportRecord}).
 */
@Service
public class ArticleImporter {

    private static final Logger log = LoggerFactory.getLogger(ArticleImporter.class);

    private final MongoTemplate mongo;
    private final Validator validator;
    private final CategoryReplica categories;
    private final ImportedArticles imported;
    private final BulkOutbox outbox;
    private final LegacyUrls legacyUrls;
    private final SequenceGenerator ids;
    private final JsonMapper json;
    private final Clock clock;

    ArticleImporter(MongoTemplate mongo, Validator validator, CategoryReplica categories, ImportedArticles imported,
            BulkOutbox outbox, LegacyUrls legacyUrls, SequenceGenerator ids, JsonMapper json, Clock clock) {
        this.mongo = mongo;
        this.validator = validator;
        this.categories = categories;
        this.imported = imported;
        this.outbox = outbox;
        this.legacyUrls = legacyUrls;
        this.ids = ids;
        this.json = json;
        this.clock = clock;
    }

    /** One item on its way through the batch. */
    private static final class Work {
        final int index;
        final ImportItem item;
        final String key;
        final String hash;
        KnownCategory category;
        String articleId;
        Article article;

        Work(int index, ImportItem item, String key, String hash) {
            this.index = index;
            this.item = item;
            this.key = key;
            this.hash = hash;
        }
    }

    public ImportResponse importBatch(ImportRequest request, Caller caller) {
        if (!caller.isEditor()) {
            throw new ProblemException(HttpStatus.FORBIDDEN, null, "only editors and admins may import articles");
        }
        String system = request.system();
        String site = request.site();
        Item[] results = new Item[request.items().size()];
        List<Work> valid = check(request, results);

        Map<String, ImportRecord> records = new HashMap<>();
        if (!valid.isEmpty()) {
            mongo.find(query(where("_id").in(valid.stream().map(w -> w.key).toList())), ImportRecord.class)
                    .forEach(r -> records.put(r.key(), r));
        }
        Map<String, Optional<KnownCategory>> knownCategories = new HashMap<>();
        List<Work> toCreate = new ArrayList<>();
        List<Work> toUpdate = new ArrayList<>();
        List<Work> pending = new ArrayList<>();
        for (Work work : valid) {
            ImportRecord record = records.get(work.key);
            if (record != null && record.state() == State.DONE && record.contentHash().equals(work.hash)) {
                results[work.index] = new Item(work.item.sourceId(), Outcome.UNCHANGED, record.articleId(), null,
                        null);
                continue;
            }
            work.category = knownCategories.computeIfAbsent(work.item.categoryId(), categories::usable).orElse(null);
            if (work.category == null) {
                results[work.index] = new Item(work.item.sourceId(), Outcome.CATEGORY_UNKNOWN, null, "categoryId",
                        "category " + work.item.categoryId() + " does not exist (or is not known here yet)");
                continue;
            }
            if (record == null) {
                toCreate.add(work);
            } else {
                work.articleId = record.articleId();
                (record.state() == State.PENDING ? pending : toUpdate).add(work);
            }
        }
        finishPending(pending, records, toCreate, toUpdate, results, system, site);
        BulkOutbox.Sent sent = create(toCreate, results, system, site, caller);
        for (Work work : toUpdate) {
            update(work, results, system, site, caller);
        }
        return summary(results, sent);
    }

    /** Stores old category addresses; 422 naming the first category not known here (nothing is stored then). */
    public CategoryAddresses.Registered registerCategoryAddresses(CategoryAddresses request, Caller caller) {
        if (!caller.isEditor()) {
            throw new ProblemException(HttpStatus.FORBIDDEN, null, "only editors and admins may import");
        }
        Instant now = clock.instant();
        Set<String> checked = new HashSet<>();
        List<LegacyUrl> urls = new ArrayList<>();
        for (int i = 0; i < request.addresses().size(); i++) {
            CategoryAddresses.Address address = request.addresses().get(i);
            if (checked.add(address.categoryId()) && categories.usable(address.categoryId()).isEmpty()) {
                throw ProblemException.unprocessable("addresses[" + i + "].categoryId",
                        "category " + address.categoryId() + " does not exist (or is not known here yet)");
            }
            String field = "addresses[" + i + "].path";
            String key = LegacyPaths.key(address.path()).orElseThrow(() -> ProblemException.badRequest(field,
                    "is not a path this site could have had"));
            urls.add(new LegacyUrl(key, LegacyUrl.Type.CATEGORY, address.categoryId(),
                    request.system() + " " + request.site(), now));
        }
        return new CategoryAddresses.Registered(legacyUrls.register(urls));
    }

    private List<Work> check(ImportRequest request, Item[] results) {
        List<Work> valid = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < request.items().size(); i++) {
            ImportItem item = request.items().get(i);
            if (item == null) {
                results[i] = new Item(null, Outcome.REJECTED, null, "items[" + i + "]", "must not be null");
                continue;
            }
            Optional<ConstraintViolation<ImportItem>> violation = validator.validate(item).stream()
                    .min(Comparator.comparing(v -> v.getPropertyPath().toString()));
            if (violation.isPresent()) {
                results[i] = new Item(item.sourceId(), Outcome.REJECTED, null,
                        violation.get().getPropertyPath().toString(), violation.get().getMessage());
            } else if (!seen.add(item.sourceId())) {
                results[i] = new Item(item.sourceId(), Outcome.REJECTED, null, "sourceId",
                        "appears more than once in the batch");
            } else {
                String key = request.system().toLowerCase() + ":" + request.site() + ":" + item.sourceId();
                valid.add(new Work(i, item, key, hash(request.system(), request.site(), item)));
            }
        }
        return valid;
    }

    /**
     * Records left {@code PENDING} by a run that died: the article was written (then only the old addresses and the
     * record may be missing) or it was not (then it is created under the recorded id).
     */
    private void finishPending(List<Work> pending, Map<String, ImportRecord> records, List<Work> toCreate,
            List<Work> toUpdate, Item[] results, String system, String site) {
        if (pending.isEmpty()) {
            return;
        }
        Query existing = query(where("_id").in(pending.stream().map(w -> w.articleId).toList()));
        existing.fields().include("_id");
        Set<String> written = new HashSet<>();
        mongo.find(existing, Document.class, "articles").forEach(d -> written.add(d.getString("_id")));
        List<Work> finished = new ArrayList<>();
        for (Work work : pending) {
            if (!written.contains(work.articleId)) {
                toCreate.add(work);
            } else if (records.get(work.key).contentHash().equals(work.hash)) {
                finished.add(work);
                results[work.index] = new Item(work.item.sourceId(), Outcome.UNCHANGED, work.articleId, null, null);
            } else {
                toUpdate.add(work);
            }
        }
        legacyUrls.register(legacyUrls(finished, system, site));
        markDone(finished);
    }

    private BulkOutbox.Sent create(List<Work> works, Item[] results, String system, String site, Caller caller) {
        List<Work> fresh = works.stream().filter(w -> w.articleId == null).toList();
        if (!fresh.isEmpty()) {
            long first = ids.reserve("article", fresh.size());
            for (int i = 0; i < fresh.size(); i++) {
                fresh.get(i).articleId = String.valueOf(first + i);
            }
        }
        List<Work> built = new ArrayList<>();
        for (Work work : works) {
            Article article = imported.build(work.articleId, content(work.item, system, site), work.category,
                    caller);
            if (article.getBody() == null || article.getBody().isBlank()) {
                results[work.index] = new Item(work.item.sourceId(), Outcome.REJECTED, null, "body",
                        "nothing of it is left after cleaning (script, style or markup only)");
                continue;
            }
            work.article = article;
            built.add(work);
        }
        if (built.isEmpty()) {
            return new BulkOutbox.Sent(0, Set.of());
        }
        Instant now = clock.instant();
        var records = mongo.bulkOps(BulkMode.UNORDERED, ImportRecord.class);
        for (Work work : built) {
            records.upsert(query(where("_id").is(work.key)), new Update().set("articleId", work.articleId)
                    .set("contentHash", work.hash).set("state", State.PENDING).set("importedBy", caller.username())
                    .set("importedAt", now));
        }
        records.execute();
        mongo.insert(built.stream().map(w -> imported.firstRevision(w.article)).toList(), Revision.class);
        List<Article> articles = built.stream().map(w -> w.article).toList();
        BulkOutbox.Sent sent = outbox.insertAndSend(articles, () -> imported.inserted(articles));
        legacyUrls.register(legacyUrls(built, system, site));
        markDone(built);
        for (Work work : built) {
            results[work.index] = new Item(work.item.sourceId(), Outcome.CREATED, work.articleId, null, null);
        }
        return sent;
    }

    private void update(Work work, Item[] results, String system, String site, Caller caller) {
        Article current = imported.find(work.articleId).orElse(null);
        if (current == null) {
            // Its record says DONE, yet the article is gone (deleted by hand): report rather than resurrect it.
            results[work.index] = new Item(work.item.sourceId(), Outcome.REJECTED, work.articleId, "sourceId",
                    "was imported as article " + work.articleId + ", which no longer exists");
            return;
        }
        try {
            imported.update(current, content(work.item, system, site), work.category, caller);
        } catch (ProblemException changedMeanwhile) {
            results[work.index] = new Item(work.item.sourceId(), Outcome.REJECTED, work.articleId, null,
                    changedMeanwhile.getMessage());
            return;
        }
        legacyUrls.register(legacyUrls(List.of(work), system, site));
        mongo.updateFirst(query(where("_id").is(work.key)), new Update().set("contentHash", work.hash)
                .set("state", State.DONE).set("importedBy", caller.username()).set("importedAt", clock.instant()),
                ImportRecord.class);
        results[work.index] = new Item(work.item.sourceId(), Outcome.UPDATED, work.articleId, null, null);
    }

    private void markDone(List<Work> works) {
        if (!works.isEmpty()) {
            mongo.updateMulti(query(where("_id").in(works.stream().map(w -> w.key).toList())),
                    new Update().set("state", State.DONE), ImportRecord.class);
        }
    }

    private List<LegacyUrl> legacyUrls(List<Work> works, String system, String site) {
        Instant now = clock.instant();
        List<LegacyUrl> urls = new ArrayList<>();
        for (Work work : works) {
            if (work.item.legacyPaths() == null) {
                continue;
            }
            for (String path : work.item.legacyPaths()) {
                LegacyPaths.key(path).ifPresent(key -> urls.add(new LegacyUrl(key, LegacyUrl.Type.ARTICLE,
                        work.articleId, system + " " + site, now)));
            }
        }
        return urls;
    }

    private static ImportedContent content(ImportItem item, String system, String site) {
        return new ImportedContent(item.title(), item.subtitle(), item.summary(), item.body(), item.source(),
                item.writer(), item.coverImageUrl(), item.keywords(), null, item.seoDescription(),
                item.status() == ImportItem.Status.PUBLISHED, item.originallyPublishedAt(),
                Boolean.TRUE.equals(item.headline()), Boolean.TRUE.equals(item.recommended()),
                Boolean.TRUE.equals(item.pinned()), new ImportedFrom(system, site, item.sourceId(), item.clicks()));
    }

    private String hash(String system, String site, ImportItem item) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((system + "\n" + site + "\n").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(json.writeValueAsBytes(item)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ImportResponse summary(Item[] results, BulkOutbox.Sent sent) {
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        int rejected = 0;
        for (Item item : results) {
            switch (item.outcome()) {
                case CREATED -> created++;
                case UPDATED -> updated++;
                case UNCHANGED -> unchanged++;
                default -> rejected++;
            }
        }
        if (!sent.leftForSweep().isEmpty()) {
            log.warn("{} imported articles' events wait for the outbox sweep", sent.leftForSweep().size());
        }
        return new ImportResponse(created, updated, unchanged, rejected, sent.events(), sent.leftForSweep().size(),
                List.of(results));
    }
}
