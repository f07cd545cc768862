package newsroom.contracts;

import java.util.List;
import java.util.Map;

/**
 * CloudEvents {@code type} values. The version is part of the type: a consumer that understands
 * {@code newsroom.article.published.v1} can rely on every v1 field; new fields may be added within v1, never
 * repurposed or removed. A breaking change gets a new type (v2) published beside the old one.
 */
public final class EventTypes {

    public static final String ARTICLE_PUBLISHED = "newsroom.article.published.v1";
    public static final String ARTICLE_UPDATED = "newsroom.article.updated.v1";
    public static final String ARTICLE_UNPUBLISHED = "newsroom.article.unpublished.v1";
    public static final String ARTICLE_VIEWED = "newsroom.article.viewed.v1";
    public static final String CATEGORY_CHANGED = "newsroom.category.changed.v1";

    private static final List<String> ALL = List.of(
            ARTICLE_PUBLISHED, ARTICLE_UPDATED, ARTICLE_UNPUBLISHED, ARTICLE_VIEWED, CATEGORY_CHANGED);

    private static final Map<String, Class<?>> PAYLOADS = Map.of(
            ARTICLE_PUBLISHED, ArticlePublished.class,
            ARTICLE_UPDATED, ArticleUpdated.class,
            ARTICLE_UNPUBLISHED, ArticleUnpublished.class,
            ARTICLE_VIEWED, ArticleViewed.class,
            CATEGORY_CHANGED, CategoryChanged.class);

    private static final Map<Class<?>, String> TYPES = Map.of(
            ArticlePublished.class, ARTICLE_PUBLISHED,
            ArticleUpdated.class, ARTICLE_UPDATED,
            ArticleUnpublished.class, ARTICLE_UNPUBLISHED,
            ArticleViewed.class, ARTICLE_VIEWED,
            CategoryChanged.class, CATEGORY_CHANGED);

    private EventTypes() {
    }

    /** Every type this version of the contracts knows, in a stable order. */
    public static List<String> all() {
        return ALL;
    }

    /** The payload record for a CloudEvents type, or null for a type this version of the contracts does not know. */
    public static Class<?> payloadOf(String type) {
        return type == null ? null : PAYLOADS.get(type);
    }

    /** The CloudEvents type of a payload record. */
    public static String typeOf(Class<?> payload) {
        String type = TYPES.get(payload);
        if (type == null) {
            throw new IllegalArgumentException("Not an event payload: " + payload.getName());
        }
        return type;
    }

    /** Where the JSON Schema of a type lives on the classpath of this jar (contracts/src/main/resources/schemas/). */
    public static String schemaResource(String type) {
        return "/schemas/" + type + ".schema.json";
    }
}
