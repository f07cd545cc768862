package newsroom.article.legacy;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An address of the old site and where it lives now ({@code legacy_urls}, id = the path's key, see
 * {@link LegacyPaths}). Stored when the article or category is imported, so it keeps answering whatever the slugs
 * and rules of this site become; the first mapping of a path wins.
 *
 * @param type     what the old address showed
 * @param targetId the article's or category's id here
 * @param source   where the mapping came from, e.g. {@code DedeCMS www.achie.org}
 */
@Document("legacy_urls")
public record LegacyUrl(@Id String path, Type type, String targetId, String source, Instant createdAt) {

    public enum Type { ARTICLE, CATEGORY }
}
