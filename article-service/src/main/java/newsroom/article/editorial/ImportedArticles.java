package newsroom.article.editorial;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import newsroom.article.categories.KnownCategory;
import newsroom.article.outbox.OutboxRelay;
import newsroom.article.outbox.PendingEvent;
import newsroom.contracts.ArticlePublished;
import newsroom.contracts.ArticleUpdated;
import newsroom.contracts.EventTypes;
import newsroom.platform.web.ProblemException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The editorial write model's door for imports: builds the article an import creates — already published at its
 * original date, or waiting in review — with its {@code article-published} event in its own outbox, exactly as an
 * editor's approval with {@code originallyPublishedAt} would have written it; and applies a changed re-import as an
 * edit. The body is cleaned by the editor's {@link HtmlSanitizer}.
 *
 * <p>New articles are only built here, not stored: the importer stores a whole batch at once (see
 * {@code newsroom.article.imports}), which is what makes 100,000 articles a matter of minutes.
 */
@Component
public class ImportedArticles {

    public static final String ACTION = "IMPORTED";

    private final ArticleRepository articles;
    private final ArticleStore store;
    private final RevisionStore revisions;
    private final HtmlSanitizer sanitizer;
    private final OutboxRelay relay;
    private final JsonMapper json;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    ImportedArticles(ArticleRepository articles, ArticleStore store, RevisionStore revisions,
            HtmlSanitizer sanitizer, OutboxRelay relay, JsonMapper json, Clock clock,
            ApplicationEventPublisher events) {
        this.events = events;
        this.articles = articles;
        this.store = store;
        this.revisions = revisions;
        this.sanitizer = sanitizer;
        this.relay = relay;
        this.json = json;
        this.clock = clock;
    }

    /** A new article (version 0) with its first revision's save id and, if published, its event in the outbox. */
    public Article build(String id, ImportedContent content, KnownCategory category, Caller caller) {
        Instant now = clock.instant();
        Article article = new Article(id, now);
        apply(article, content, category);
        article.setCreatedBy(caller.username());
        article.touch(caller.username(), ACTION, now);
        article.setSaveId(UUID.randomUUID().toString());
        if (content.published()) {
            publish(article, content, now);
        } else {
            article.setStatus(ArticleStatus.IN_REVIEW);
        }
        return article;
    }

    /** The first revision of an article {@link #build} made, to be stored before the article. */
    public Revision firstRevision(Article article) {
        return Revision.of(article, 0L, null, note(article));
    }

    /** Announces articles {@link #build} made once the importer has stored them (see {@link ArticlesInserted}). */
    public void inserted(List<Article> stored) {
        if (!stored.isEmpty()) {
            events.publishEvent(new ArticlesInserted(stored));
        }
    }

    public Optional<Article> find(String id) {
        return articles.findById(id);
    }

    /**
     * Applies a re-import whose content changed, as an edit of the stored article: a published article gets a new
     * revision and an {@code article-updated} event; one in review that the old site has published since is
     * published. One already published here stays published (unpublishing is the editors' call).
     *
     * @throws ProblemException 409 when someone saved the article meanwhile (the next run tries again)
     */
    public Article update(Article current, ImportedContent content, KnownCategory category, Caller caller) {
        Article next = current.copy();
        apply(next, content, category);
        Instant now = clock.instant();
        List<Object> events = new ArrayList<>();
        if (current.isPublished()) {
            events.add(new ArticleUpdated(next.getId(), next.nextRevision(now), next.card(), now));
        } else if (content.published()) {
            events.add(publish(next, content, now));
        }
        long version = current.currentVersion();
        next.touch(caller.username(), ACTION, now);
        next.setSaveId(UUID.randomUUID().toString());
        List<PendingEvent> pending = events.stream().map(e -> pending(e, now)).toList();
        revisions.recordBeforeSave(Revision.of(next, version + 1, current.getSaveId(), note(next)));
        Article saved = store.update(next, version, pending).orElseThrow(() -> ProblemException.conflict(null,
                "article " + current.getId() + " was changed meanwhile; import it again"));
        if (!pending.isEmpty()) {
            relay.sendSoon(saved.getId());
        }
        return saved;
    }

    private ArticlePublished publish(Article article, ImportedContent content, Instant now) {
        article.setStatus(ArticleStatus.PUBLISHED);
        article.setPublishedAt(content.originallyPublishedAt() != null ? content.originallyPublishedAt() : now);
        ArticlePublished event = new ArticlePublished(article.getId(), article.nextRevision(now), article.card(),
                now, null, null, content.importedFrom());
        if (article.getVersion() == null && article.getOutbox().isEmpty()) {
            article.queueBeforeInsert(pending(event, now));
        }
        return event;
    }

    private PendingEvent pending(Object event, Instant now) {
        return new PendingEvent(UUID.randomUUID().toString(), EventTypes.typeOf(event.getClass()),
                json.writeValueAsString(event), now);
    }

    private void apply(Article article, ImportedContent c, KnownCategory category) {
        article.setTitle(c.title().strip());
        article.setSubtitle(blankToNull(c.subtitle()));
        article.setSummary(blankToNull(c.summary()));
        article.setBody(sanitizer.clean(c.body()));
        article.setSource(blankToNull(c.source()));
        article.setWriter(blankToNull(c.writer()));
        article.setCoverImageUrl(blankToNull(c.coverImageUrl()));
        article.setKeywords(c.keywords());
        article.setSeoTitle(blankToNull(c.seoTitle()));
        article.setSeoDescription(blankToNull(c.seoDescription()));
        article.setCategory(category.id(), category.path());
        article.setHeadline(c.headline());
        article.setRecommended(c.recommended());
        article.setPinned(c.pinned());
        article.setImportedFrom(c.importedFrom());
    }

    private static String note(Article article) {
        var from = article.getImportedFrom();
        return from == null ? "imported" : "imported from " + from.system() + " " + from.site() + " #"
                + from.sourceId();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
