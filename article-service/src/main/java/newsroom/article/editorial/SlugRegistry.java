package newsroom.article.editorial;

import java.time.Clock;
import java.util.Optional;
import newsroom.platform.web.ProblemException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Every slug an article ever had, each owned by that one article forever ({@code article_slugs}, id = slug). This is
 * what keeps old links working: a slug once used cannot be taken by another article, and a reader asking for an old
 * slug is redirected to the article's current URL. A claim is written before the article document; a claim whose
 * article save then failed only means the article owns a slug it never showed, which redirects correctly too.
 */
@Component
public class SlugRegistry {

    @org.springframework.data.mongodb.core.mapping.Document("article_slugs")
    record SlugClaim(@Id String slug, String articleId, java.time.Instant claimedAt) {
    }

    private final MongoTemplate mongo;
    private final Clock clock;

    SlugRegistry(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** Reserves the slug for the article; 409 naming {@code slug} if another article has (or had) it. */
    void claim(String slug, String articleId) {
        try {
            mongo.insert(new SlugClaim(slug, articleId, clock.instant()));
        } catch (DuplicateKeyException taken) {
            SlugClaim existing = mongo.findById(slug, SlugClaim.class);
            if (existing == null || !existing.articleId().equals(articleId)) {
                throw ProblemException.conflict("slug", "another article already uses the slug '" + slug + "'");
            }
        }
    }

    /** The article that has or had this slug. */
    public Optional<String> articleOf(String slug) {
        return Optional.ofNullable(mongo.findById(slug, SlugClaim.class)).map(SlugClaim::articleId);
    }
}
