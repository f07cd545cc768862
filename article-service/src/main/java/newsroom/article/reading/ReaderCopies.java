package newsroom.article.reading;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.util.Optional;
import newsroom.article.editorial.Article;
import newsroom.article.editorial.ArticleRepository;
import newsroom.platform.web.ProblemException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/**
 * The read model behind article reads and the view beacon: one {@link ReaderCopy} per article id, in a Caffeine
 * cache bounded by weight (the serialised JSON dominates; {@code newsroom.reading.cache-size}, 64 MB by default).
 * A miss (cold start, evicted entry) reads the store once — concurrent misses of one id wait for that one read.
 *
 * <p>Kept current two ways, both ordered by the article's {@code revision} so a late or repeated notice never brings
 * an older state back: this replica's own writes replace the entry with the stored document at once
 * ({@link #saved}); {@code article-lifecycle} events, which every replica sees, drop an entry older than the event
 * ({@link #changed}, so the next read loads the new state once) or, for an unpublication, replace it with a hidden
 * copy ({@link #hidden}) so the article answers 404 without reading the store.
 *
 * <p>Memory: a copy weighs its JSON plus about 300 bytes. The seed article's JSON is 12 KB; 100,000 articles of
 * 4 KB would take about 430 MB, more than a service heap should give to this, hence the bound rather than the whole
 * published set: 64 MB hold about 15,000 such articles (the recent, read ones), and the rest costs one store read
 * when it is first read again.
 */
@Component
public class ReaderCopies {

    private final Cache<String, ReaderCopy> copies;
    /** Current slug to id, learnt from copies; only a hint (checked against the copy), so it may go stale. */
    private final Cache<String, String> slugs;
    private final ArticleRepository articles;
    private final JsonMapper json;

    ReaderCopies(ArticleRepository articles, JsonMapper json, MeterRegistry meters,
            @Value("${newsroom.reading.cache-size:64MB}") DataSize size) {
        this.articles = articles;
        this.json = json;
        this.copies = Caffeine.newBuilder().maximumWeight(size.toBytes())
                .weigher((String id, ReaderCopy copy) -> copy.weight()).recordStats().build();
        this.slugs = Caffeine.newBuilder().maximumSize(100_000).build();
        CaffeineCacheMetrics.monitor(meters, copies, "newsroom.reading.copies");
    }

    /**
     * The visible copy whose current slug is {@code slug}, if this replica knows it; empty means "ask the slug
     * registry" (an old slug, an article not read here yet, or one that is no longer visible).
     */
    public Optional<ReaderCopy> bySlug(String slug) {
        String id = slugs.getIfPresent(slug);
        if (id == null) {
            return Optional.empty();
        }
        ReaderCopy copy = copies.get(id, this::load);
        return copy.visible() && slug.equals(copy.slug()) ? Optional.of(copy) : Optional.empty();
    }

    /** The copy of an article readers may see, or 404 — the same 404 for drafts as for ids that never existed. */
    public ReaderCopy published(String id) {
        ReaderCopy copy = copies.get(id, this::load);
        if (!copy.visible()) {
            throw ProblemException.notFound("Article", id);
        }
        return copy;
    }

    private ReaderCopy load(String id) {
        Optional<Article> stored = articles.findById(id);
        return stored.map(this::copyOf).orElseGet(() -> ReaderCopy.hidden(id, -1));
    }

    private ReaderCopy copyOf(Article a) {
        if (!a.isPublished()) {
            return ReaderCopy.hidden(a.getId(), a.getRevision());
        }
        byte[] body = json.writeValueAsBytes(PublishedArticle.of(a));
        if (a.getSlug() != null) {
            slugs.put(a.getSlug(), a.getId());
        }
        return new ReaderCopy(a.getId(), a.getSlug(), a.getCategoryId(), a.getCategoryPath(), a.getRevision(), body,
                "\"r" + a.getRevision() + "\"");
    }

    /** This replica stored {@code article}: its copy replaces an older one at once. */
    void saved(Article article) {
        ReaderCopy next = copyOf(article);
        copies.asMap().merge(article.getId(), next, (old, fresh) -> fresh.revision() > old.revision() ? fresh : old);
    }

    /** Some replica changed the article to {@code revision}: an older copy goes, and the next read loads it. */
    void changed(String id, long revision) {
        copies.asMap().computeIfPresent(id, (key, old) -> old.revision() >= revision ? old : null);
    }

    /** Some replica unpublished the article at {@code revision}: readers get 404 from now on, without a store read. */
    void hidden(String id, long revision) {
        copies.asMap().merge(id, ReaderCopy.hidden(id, revision),
                (old, fresh) -> old.revision() >= revision ? old : fresh);
    }

    /** Forgets everything; the consumer does this when it starts following the topic (see ReaderCopyUpdates). */
    void clear() {
        copies.invalidateAll();
    }
}
