package newsroom.article.editorial;

import static newsroom.article.editorial.EditorialRules.forbidden;
import static newsroom.article.editorial.EditorialRules.requireEditor;
import static newsroom.article.editorial.EditorialRules.requireMayEdit;
import static newsroom.article.editorial.EditorialRules.requireStatus;
import static newsroom.article.editorial.EditorialRules.requireVersion;
import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import newsroom.article.categories.CategoryReplica;
import newsroom.article.categories.KnownCategory;
import newsroom.article.outbox.OutboxRelay;
import newsroom.article.outbox.PendingEvent;
import newsroom.contracts.ArticlePublished;
import newsroom.contracts.ArticleUnpublished;
import newsroom.contracts.ArticleUpdated;
import newsroom.contracts.EventTypes;
import newsroom.platform.mongo.SequenceGenerator;
import newsroom.platform.web.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writing, reviewing and publishing articles. Every save is one conditional single-document write carrying the
 * change, its events (outbox) and the pointer to its revision, which is written just before it.
 *
 * <p>Permissions beyond "has a role" are checked here, by {@link EditorialRules}: writers work on their own articles,
 * and only while they are drafts; editors do everything else. A transition the workflow does not allow is a 409
 * problem naming {@code status}.
 */
@Service
public class ArticleEditor {

    private static final Logger log = LoggerFactory.getLogger(ArticleEditor.class);
    private static final Duration MAX_SCHEDULE_AHEAD = Duration.ofDays(3660);

    private final ArticleRepository articles;
    private final ArticleStore store;
    private final RevisionStore revisions;
    private final SlugRegistry slugs;
    private final CategoryReplica categories;
    private final SequenceGenerator ids;
    private final int idBlock;
    private final HtmlSanitizer sanitizer;
    private final OutboxRelay relay;
    private final MongoTemplate mongo;
    private final JsonMapper json;
    private final Clock clock;
    private final Timer lateness;

    ArticleEditor(ArticleRepository articles, ArticleStore store, RevisionStore revisions, SlugRegistry slugs,
            CategoryReplica categories, SequenceGenerator ids, HtmlSanitizer sanitizer, OutboxRelay relay,
            MongoTemplate mongo, JsonMapper json, Clock clock, MeterRegistry meters,
            @Value("${newsroom.editorial.id-block:20}") int idBlock) {
        this.articles = articles;
        this.store = store;
        this.revisions = revisions;
        this.slugs = slugs;
        this.categories = categories;
        this.ids = ids;
        this.idBlock = idBlock;
        this.sanitizer = sanitizer;
        this.relay = relay;
        this.mongo = mongo;
        this.json = json;
        this.clock = clock;
        this.lateness = Timer.builder("newsroom.schedule.lateness")
                .description("How long after its publishAt a scheduled article was actually published")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
    }

    // ---- reading -------------------------------------------------------------------------------------------------

    /** Any article, whatever its state; for writers only their own. */
    public Article get(String id, Caller caller) {
        Article article = load(id);
        if (!caller.isEditor() && !caller.owns(article)) {
            throw forbidden("writers may only open their own articles");
        }
        return article;
    }

    public record Listing(List<Article> items, int page, int size, long total) {
    }

    /**
     * Articles by state, newest change first: the review queue is {@code status=IN_REVIEW}, a writer's drafts are
     * {@code status=DRAFT} (writers only ever see their own).
     */
    public Listing list(List<ArticleStatus> statuses, String createdBy, String categoryId, int page, int size,
            Caller caller) {
        Criteria criteria = new Criteria();
        List<Criteria> all = new ArrayList<>();
        if (statuses != null && !statuses.isEmpty()) {
            all.add(where("status").in(statuses));
        }
        String owner = caller.isEditor() ? createdBy : caller.username();
        if (owner != null && !owner.isBlank()) {
            all.add(where("createdBy").is(owner));
        }
        if (categoryId != null && !categoryId.isBlank()) {
            all.add(where("categoryPath").is(categoryId));
        }
        if (!all.isEmpty()) {
            criteria.andOperator(all.toArray(Criteria[]::new));
        }
        Query query = Query.query(criteria);
        long total = mongo.count(query, Article.class);
        query.with(Sort.by(Sort.Order.desc("updatedAt"), Sort.Order.desc("_id"))).skip((long) page * size)
                .limit(size);
        return new Listing(mongo.find(query, Article.class), page, size, total);
    }

    // ---- writing -------------------------------------------------------------------------------------------------

    public Article createDraft(ArticleDraft draft, Caller caller) {
        KnownCategory category = usableCategory(draft.categoryId());
        Instant now = clock.instant();
        Article article = newArticle(draft, category, "CREATED", caller, now);
        return insert(article, draft);
    }

    /**
     * Writes a new article and publishes it in the same write (editors): copy that needs no review — an editor's
     * own piece, a correction, an agency wire — in one call, as WordPress's {@code status: publish} does. Stores
     * what {@link #createDraft} then {@link #publish} would, minus the draft: one revision (action
     * {@code CREATED_PUBLISHED}) and one insert whose outbox already holds the {@code article-published} event, so
     * it costs one request and half the store writes of the two calls.
     */
    public Article createPublished(ArticleDraft draft, Caller caller) {
        requireEditor(caller, "publish");
        KnownCategory category = usableCategory(draft.categoryId());
        Instant now = clock.instant();
        Article article = newArticle(draft, category, "CREATED_PUBLISHED", caller, now);
        article.setStatus(ArticleStatus.PUBLISHED);
        article.setPublishedAt(now);
        long revision = article.nextRevision(now);
        ArticlePublished event = new ArticlePublished(article.getId(), revision, article.card(), now, null, null);
        article.queueBeforeInsert(new PendingEvent(UUID.randomUUID().toString(),
                EventTypes.typeOf(ArticlePublished.class), json.writeValueAsString(event), now));
        // Inserted already claimed for the relay, which then sends without claiming first (one store write fewer).
        OutboxRelay.Claim claim = relay.claimNew();
        Article stored = insert(article, draft, claim);
        if (claim != null) {
            relay.sendClaimed(stored, claim);
        } else {
            relay.sendSoon(stored.getId());
        }
        return stored;
    }

    private Article newArticle(ArticleDraft draft, KnownCategory category, String action, Caller caller,
            Instant now) {
        // From a block reserved ahead: the counter's $inc was one of the few store round trips of every new article.
        Article article = new Article(ids.nextFromBlock("article", idBlock), now);
        apply(article, draft, category);
        article.setCreatedBy(caller.username());
        article.touch(caller.username(), action, now);
        article.setSaveId(UUID.randomUUID().toString());
        return article;
    }

    private Article insert(Article article, ArticleDraft draft) {
        return insert(article, draft, null);
    }

    /**
     * The first save of a new article: its slug claimed, its first revision, then the document (with the relay's
     * claim on its outbox, if given).
     */
    private Article insert(Article article, ArticleDraft draft, OutboxRelay.Claim relayClaim) {
        if (article.getSlug() != null) {
            slugs.claim(article.getSlug(), article.getId());
        }
        revisions.recordBeforeSave(Revision.of(article, 0L, null, null));
        try {
            return relayClaim == null ? store.insert(article) : store.insertClaimed(article, relayClaim);
        } catch (DuplicateKeyException e) {
            throw ProblemException.conflict("slug", "another article already uses the slug '" + draft.slug() + "'");
        }
    }

    /**
     * Replaces the article's content (PUT). Of a published article this is a new revision and an
     * {@code article-updated} event; a different category is a move. Nothing changed: nothing saved.
     */
    public Article update(String id, ArticleDraft draft, Long expectedVersion, Caller caller) {
        Article current = load(id);
        requireMayEdit(current, caller);
        if (expectedVersion == null) {
            throw ETags.required();
        }
        requireVersion(current, expectedVersion);
        KnownCategory category = Objects.equals(draft.categoryId(), current.getCategoryId())
                ? categories.usable(draft.categoryId()).orElse(null)
                : usableCategory(draft.categoryId());
        Article next = current.copy();
        apply(next, draft, category);
        if (category == null) {
            // The category vanished meanwhile; keep what the article had rather than refuse every edit.
            next.setCategory(current.getCategoryId(), current.getCategoryPath());
        }
        if (sameContent(current, next) && current.getAutosavedAt() == null) {
            return current;
        }
        return saveEdit(current, next, "EDITED", null, expectedVersion, caller);
    }

    /**
     * Autosave: writes the content into the working copy without a revision (the next save or workflow step
     * records it). Guarded by the ETag like a save, so an editor learns when someone else saved meanwhile. Only for
     * work readers cannot see: a published article changes by explicit saves (each one a revision and an event).
     */
    public Article autosave(String id, ArticleDraft draft, Long expectedVersion, Caller caller) {
        Article current = load(id);
        requireMayEdit(current, caller);
        if (expectedVersion == null) {
            throw ETags.required();
        }
        requireVersion(current, expectedVersion);
        if (current.isPublished()) {
            throw ProblemException.conflict("status", "article " + id + " is published: its changes are saved "
                    + "explicitly, each one a revision readers get");
        }
        KnownCategory category = Objects.equals(draft.categoryId(), current.getCategoryId())
                ? categories.usable(draft.categoryId()).orElse(null)
                : usableCategory(draft.categoryId());
        Article next = current.copy();
        apply(next, draft, category);
        if (category == null) {
            next.setCategory(current.getCategoryId(), current.getCategoryPath());
        }
        if (sameContent(current, next)) {
            return current;
        }
        if (next.getSlug() != null && !next.getSlug().equals(current.getSlug())) {
            slugs.claim(next.getSlug(), next.getId());
        }
        Instant now = clock.instant();
        next.touch(caller.username(), "AUTOSAVED", now);
        next.setAutosavedAt(now);
        try {
            return store.update(next, current.currentVersion(), List.of()).orElseThrow(() -> new ProblemException(
                    HttpStatus.PRECONDITION_FAILED, null, "article " + id
                    + " was changed by someone else meanwhile; reload it and try again"));
        } catch (DuplicateKeyException e) {
            throw ProblemException.conflict("slug", "another article already uses the slug '" + next.getSlug() + "'");
        }
    }

    /** Puts an earlier revision's content back, as a new save (the history keeps everything in between). */
    public Article restore(String id, long version, Long expectedVersion, Caller caller) {
        Article current = load(id);
        requireMayEdit(current, caller);
        requireVersion(current, expectedVersion);
        Revision old = revisions.get(current, version)
                .orElseThrow(() -> ProblemException.notFound("Revision", id + "/" + version));
        Article next = current.copy();
        next.setTitle(old.title());
        next.setSubtitle(old.subtitle());
        next.setSummary(old.summary());
        next.setBody(sanitizer.clean(old.body()));
        next.setSource(old.source());
        next.setWriter(old.writer());
        next.setCoverImageUrl(old.coverImageUrl());
        next.setKeywords(old.keywords());
        next.setSeoTitle(old.seoTitle());
        next.setSeoDescription(old.seoDescription());
        next.setSlug(old.slug());
        next.setHeadline(old.headline());
        next.setRecommended(old.recommended());
        next.setPinned(old.pinned());
        next.setSortRank(old.sortRank());
        if (!Objects.equals(old.categoryId(), current.getCategoryId())) {
            KnownCategory category = usableCategory(old.categoryId());
            next.setCategory(category.id(), category.path());
        }
        return saveEdit(current, next, "RESTORED", "restored version " + version, expectedVersion, caller);
    }

    private Article saveEdit(Article current, Article next, String action, String note, Long expectedVersion,
            Caller caller) {
        if (next.getSlug() != null && !next.getSlug().equals(current.getSlug())) {
            slugs.claim(next.getSlug(), next.getId());
        }
        List<Object> events = new ArrayList<>();
        if (current.isPublished()) {
            Instant now = clock.instant();
            long revision = next.nextRevision(now);
            events.add(new ArticleUpdated(next.getId(), revision, next.card(), now));
        }
        return save(current, next, action, note, expectedVersion, caller, events);
    }

    // ---- workflow ------------------------------------------------------------------------------------------------

    public Article submit(String id, Long expectedVersion, Caller caller) {
        Article current = load(id);
        requireVersion(current, expectedVersion);
        if (!caller.isEditor() && !caller.owns(current)) {
            throw forbidden("writers may only submit their own articles");
        }
        requireStatus(current, "submit", ArticleStatus.DRAFT);
        Article next = current.copy();
        next.setStatus(ArticleStatus.IN_REVIEW);
        return save(current, next, "SUBMITTED", null, expectedVersion, caller, List.of());
    }

    public Article approve(String id, ReviewDecision decision, Long expectedVersion, Caller caller) {
        requireEditor(caller, "approve");
        Article current = load(id);
        requireVersion(current, expectedVersion);
        requireStatus(current, "approve", ArticleStatus.IN_REVIEW);
        String note = decision == null ? null : decision.note();
        Instant publishAt = decision == null ? null : decision.publishAt();
        Article next = current.copy();
        next.review(note, caller.username(), clock.instant());
        if (publishAt != null) {
            if (decision.originallyPublishedAt() != null) {
                throw ProblemException.badRequest("originallyPublishedAt",
                        "goes with publishing now, not with a schedule");
            }
            return scheduleAs(current, next, publishAt, "APPROVED", note, expectedVersion, caller);
        }
        if (decision != null && decision.originallyPublishedAt() != null && next.getPublishedAt() == null) {
            next.setPublishedAt(decision.originallyPublishedAt());
        }
        return publishAs(current, next, "APPROVED", note, expectedVersion, caller, null);
    }

    public Article reject(String id, Rejection rejection, Long expectedVersion, Caller caller) {
        requireEditor(caller, "reject");
        Article current = load(id);
        requireVersion(current, expectedVersion);
        requireStatus(current, "reject", ArticleStatus.IN_REVIEW);
        Article next = current.copy();
        next.review(rejection.note(), caller.username(), clock.instant());
        next.setStatus(ArticleStatus.DRAFT);
        return save(current, next, "REJECTED", rejection.note(), expectedVersion, caller, List.of());
    }

    public Article schedule(String id, Instant publishAt, Long expectedVersion, Caller caller) {
        requireEditor(caller, "schedule");
        Article current = load(id);
        requireVersion(current, expectedVersion);
        requireStatus(current, "schedule", ArticleStatus.DRAFT, ArticleStatus.IN_REVIEW, ArticleStatus.SCHEDULED,
                ArticleStatus.UNPUBLISHED);
        return scheduleAs(current, current.copy(), publishAt, "SCHEDULED", null, expectedVersion, caller);
    }

    public Article unschedule(String id, Long expectedVersion, Caller caller) {
        requireEditor(caller, "unschedule");
        Article current = load(id);
        requireVersion(current, expectedVersion);
        requireStatus(current, "unschedule", ArticleStatus.SCHEDULED);
        Article next = current.copy();
        next.setStatus(ArticleStatus.DRAFT);
        next.setPublishAt(null);
        return save(current, next, "UNSCHEDULED", null, expectedVersion, caller, List.of());
    }

    public Article publish(String id, Long expectedVersion, Caller caller) {
        requireEditor(caller, "publish");
        Article current = load(id);
        requireVersion(current, expectedVersion);
        requireStatus(current, "publish", ArticleStatus.DRAFT, ArticleStatus.IN_REVIEW, ArticleStatus.SCHEDULED,
                ArticleStatus.UNPUBLISHED);
        return publishAs(current, current.copy(), "PUBLISHED", null, expectedVersion, caller, null);
    }

    public Article unpublish(String id, Long expectedVersion, Caller caller) {
        requireEditor(caller, "unpublish");
        Article current = load(id);
        requireVersion(current, expectedVersion);
        requireStatus(current, "unpublish", ArticleStatus.PUBLISHED);
        Article next = current.copy();
        Instant now = clock.instant();
        next.setStatus(ArticleStatus.UNPUBLISHED);
        next.setPublishAt(null);
        long revision = next.nextRevision(now);
        return save(current, next, "UNPUBLISHED", null, expectedVersion, caller,
                List.of(new ArticleUnpublished(id, revision, next.getCategoryId(), now)));
    }

    /**
     * The scheduler's publication of a due article. Guarded by the article's version like any save, so however many
     * replicas try at once, it is published once.
     *
     * @return the published article, or empty if it was not (or no longer) due
     */
    public Optional<Article> publishIfDue(String id, Caller scheduler) {
        Article current = articles.findById(id).orElse(null);
        Instant now = clock.instant();
        if (current == null || current.getStatus() != ArticleStatus.SCHEDULED || current.getPublishAt() == null
                || current.getPublishAt().isAfter(now)) {
            return Optional.empty();
        }
        Instant due = current.getPublishAt();
        Article next = current.copy();
        if (categories.usable(current.getCategoryId()).isEmpty()) {
            next.setStatus(ArticleStatus.DRAFT);
            next.setPublishAt(null);
            next.review("Scheduled publication failed: category " + current.getCategoryId() + " no longer exists",
                    scheduler.username(), now);
            log.warn("Scheduled article {} not published: its category {} no longer exists", id,
                    current.getCategoryId());
            saveQuietly(current, next, "SCHEDULE_FAILED", scheduler);
            return Optional.empty();
        }
        try {
            Article published = publishAs(current, next, "PUBLISHED_AS_SCHEDULED", null, current.currentVersion(),
                    scheduler, due);
            Duration late = Duration.between(due, published.getUpdatedAt());
            lateness.record(late.isNegative() ? Duration.ZERO : late);
            return Optional.of(published);
        } catch (ProblemException changedMeanwhile) {
            return Optional.empty();
        }
    }

    private void saveQuietly(Article current, Article next, String action, Caller caller) {
        try {
            save(current, next, action, null, current.currentVersion(), caller, List.of());
        } catch (ProblemException changedMeanwhile) {
            log.debug("Article {} changed meanwhile", current.getId());
        }
    }

    private Article publishAs(Article current, Article next, String action, String note, Long expectedVersion,
            Caller caller, Instant scheduledFor) {
        KnownCategory category = usableCategory(current.getCategoryId());
        Instant now = clock.instant();
        next.setCategory(category.id(), category.path());
        next.setStatus(ArticleStatus.PUBLISHED);
        next.setPublishAt(null);
        if (next.getPublishedAt() == null) {
            // A scheduled article is dated when it was due, however late the publication ran.
            next.setPublishedAt(scheduledFor != null ? scheduledFor : now);
        }
        long revision = next.nextRevision(now);
        Long latenessMillis = null;
        if (scheduledFor != null) {
            latenessMillis = Math.max(0L, Duration.between(scheduledFor, now).toMillis());
        }
        return save(current, next, action, note, expectedVersion, caller,
                List.of(new ArticlePublished(next.getId(), revision, next.card(), now, scheduledFor, latenessMillis)));
    }

    private Article scheduleAs(Article current, Article next, Instant publishAt, String action, String note,
            Long expectedVersion, Caller caller) {
        Instant now = clock.instant();
        if (!publishAt.isAfter(now)) {
            throw ProblemException.unprocessable("publishAt", "must be in the future; publish now instead");
        }
        if (publishAt.isAfter(now.plus(MAX_SCHEDULE_AHEAD))) {
            throw ProblemException.unprocessable("publishAt", "must be within ten years");
        }
        usableCategory(current.getCategoryId());
        next.setStatus(ArticleStatus.SCHEDULED);
        next.setPublishAt(publishAt);
        return save(current, next, action, note, expectedVersion, caller, List.of());
    }

    /**
     * The one way an article changes: revision first, then the article document on its expected version with the
     * new events appended to its outbox; then the events are sent in the background.
     */
    private Article save(Article current, Article next, String action, String note, Long expectedVersion,
            Caller caller, List<Object> events) {
        long version = current.currentVersion();
        Instant now = clock.instant();
        next.touch(caller.username(), action, now);
        next.setSaveId(UUID.randomUUID().toString());
        next.setAutosavedAt(null);
        List<PendingEvent> pending = events.stream().map(e -> new PendingEvent(UUID.randomUUID().toString(),
                EventTypes.typeOf(e.getClass()), json.writeValueAsString(e), now)).toList();
        revisions.recordBeforeSave(Revision.of(next, version + 1, current.getSaveId(), note));
        Article saved;
        try {
            saved = store.update(next, version, pending).orElse(null);
        } catch (DuplicateKeyException e) {
            throw ProblemException.conflict("slug", "another article already uses the slug '" + next.getSlug() + "'");
        }
        if (saved == null) {
            if (expectedVersion != null) {
                throw new ProblemException(HttpStatus.PRECONDITION_FAILED, null, "article " + current.getId()
                        + " was changed by someone else meanwhile; reload it and try again");
            }
            throw ProblemException.conflict(null, "article " + current.getId()
                    + " was changed by someone else meanwhile; reload it and try again");
        }
        if (!pending.isEmpty()) {
            relay.sendSoon(saved.getId());
        }
        return saved;
    }

    // ---- loading, categories, applying a draft ------------------------------------------------------------------

    private Article load(String id) {
        return articles.findById(id).orElseThrow(() -> ProblemException.notFound("Article", id));
    }

    private KnownCategory usableCategory(String categoryId) {
        return categories.usable(categoryId).orElseThrow(() ->
                ProblemException.unprocessable("categoryId", "category " + categoryId + " does not exist"));
    }

    private void apply(Article article, ArticleDraft draft, KnownCategory category) {
        article.setTitle(draft.title().strip());
        article.setSubtitle(blankToNull(draft.subtitle()));
        article.setSummary(blankToNull(draft.summary()));
        article.setBody(sanitizer.clean(draft.body()));
        article.setSource(blankToNull(draft.source()));
        article.setWriter(blankToNull(draft.writer()));
        article.setCoverImageUrl(blankToNull(draft.coverImageUrl()));
        article.setKeywords(draft.keywords());
        article.setSeoTitle(blankToNull(draft.seoTitle()));
        article.setSeoDescription(blankToNull(draft.seoDescription()));
        if (category != null) {
            article.setCategory(category.id(), category.path());
        }
        article.setSlug(blankToNull(draft.slug()));
        article.setHeadline(Boolean.TRUE.equals(draft.headline()));
        article.setRecommended(Boolean.TRUE.equals(draft.recommended()));
        article.setPinned(Boolean.TRUE.equals(draft.pinned()));
        article.setSortRank(draft.sortRank() == null ? 0 : draft.sortRank());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static boolean sameContent(Article a, Article b) {
        return Objects.equals(a.getTitle(), b.getTitle()) && Objects.equals(a.getSubtitle(), b.getSubtitle())
                && Objects.equals(a.getSummary(), b.getSummary()) && Objects.equals(a.getBody(), b.getBody())
                && Objects.equals(a.getSource(), b.getSource()) && Objects.equals(a.getWriter(), b.getWriter())
                && Objects.equals(a.getCoverImageUrl(), b.getCoverImageUrl())
                && Objects.equals(a.getKeywords(), b.getKeywords())
                && Objects.equals(a.getSeoTitle(), b.getSeoTitle())
                && Objects.equals(a.getSeoDescription(), b.getSeoDescription())
                && Objects.equals(a.getCategoryId(), b.getCategoryId())
                && Objects.equals(a.getCategoryPath(), b.getCategoryPath())
                && Objects.equals(a.getSlug(), b.getSlug()) && a.isHeadline() == b.isHeadline()
                && a.isRecommended() == b.isRecommended() && a.isPinned() == b.isPinned()
                && a.getSortRank() == b.getSortRank();
    }
}
