package newsroom.article.editorial;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import newsroom.article.categories.CategoryReplica;
import newsroom.article.categories.KnownCategory;
import newsroom.article.outbox.OutboxRelay;
import newsroom.article.outbox.PendingEvent;
import newsroom.contracts.ArticlePublished;
import newsroom.contracts.EventTypes;
import newsroom.platform.mongo.SequenceGenerator;
import newsroom.platform.web.ProblemException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/** Writing and publishing articles. Every state change and its event are saved in one document write. */
@Service
public class ArticleEditor {

    private final ArticleRepository articles;
    private final CategoryReplica categories;
    private final SequenceGenerator ids;
    private final HtmlSanitizer sanitizer;
    private final OutboxRelay relay;
    private final JsonMapper json;
    private final Clock clock;

    ArticleEditor(ArticleRepository articles, CategoryReplica categories, SequenceGenerator ids,
            HtmlSanitizer sanitizer, OutboxRelay relay, JsonMapper json, Clock clock) {
        this.articles = articles;
        this.categories = categories;
        this.ids = ids;
        this.sanitizer = sanitizer;
        this.relay = relay;
        this.json = json;
        this.clock = clock;
    }

    public Article createDraft(ArticleDraft draft) {
        KnownCategory category = usableCategory(draft.categoryId());
        Article article = new Article(ids.next("article"), clock.instant());
        apply(article, draft, category);
        try {
            return articles.insert(article);
        } catch (DuplicateKeyException e) {
            throw ProblemException.conflict("slug", "another article already uses the slug '" + draft.slug() + "'");
        }
    }

    public Article get(String id) {
        return articles.findById(id).orElseThrow(() -> ProblemException.notFound("Article", id));
    }

    public Article publish(String id) {
        Article article = get(id);
        if (article.isPublished()) {
            throw ProblemException.conflict("status", "article " + id + " is already published");
        }
        KnownCategory category = usableCategory(article.getCategoryId());
        Instant now = clock.instant();
        article.setCategory(category.id(), category.path());
        article.setStatus(ArticleStatus.PUBLISHED);
        article.setPublishedAt(now);
        long revision = article.nextRevision(now);
        enqueue(article, new ArticlePublished(id, revision, article.card(), now, null, null), now);
        Article saved = articles.save(article);
        relay.sendSoon(id);
        return saved;
    }

    private void enqueue(Article article, Object event, Instant now) {
        article.enqueue(new PendingEvent(UUID.randomUUID().toString(), EventTypes.typeOf(event.getClass()),
                json.writeValueAsString(event), now));
    }

    private KnownCategory usableCategory(String categoryId) {
        return categories.usable(categoryId).orElseThrow(() ->
                ProblemException.unprocessable("categoryId", "category " + categoryId + " does not exist"));
    }

    private void apply(Article article, ArticleDraft draft, KnownCategory category) {
        article.setTitle(draft.title().strip());
        article.setSubtitle(draft.subtitle());
        article.setSummary(draft.summary());
        article.setBody(sanitizer.clean(draft.body()));
        article.setSource(draft.source());
        article.setWriter(draft.writer());
        article.setCoverImageUrl(draft.coverImageUrl());
        article.setKeywords(draft.keywords());
        article.setCategory(category.id(), category.path());
        article.setSlug(draft.slug());
        article.setHeadline(Boolean.TRUE.equals(draft.headline()));
        article.setRecommended(Boolean.TRUE.equals(draft.recommended()));
        article.setPinned(Boolean.TRUE.equals(draft.pinned()));
        article.setSortRank(draft.sortRank() == null ? 0 : draft.sortRank());
    }
}
