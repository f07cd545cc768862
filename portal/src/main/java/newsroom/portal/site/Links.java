package newsroom.portal.site;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * The portal's public URLs, the same ones article-service writes into feeds and the sitemap
 * ({@code newsroom.public.article-path: /articles/{idSlug}}): {@code /articles/42-park-cluster}, or
 * {@code /articles/42} for an article without a slug; {@code /categories/7}.
 */
public final class Links {

    private Links() {
    }

    public static String article(String id, String slug) {
        return slug == null || slug.isBlank() ? "/articles/" + encode(id) : "/articles/" + encode(id) + "-" + encode(slug);
    }

    public static String category(String id) {
        return "/categories/" + encode(id);
    }

    public static String beacon(String articleId) {
        return "/beacon/articles/" + encode(articleId) + "/views";
    }

    /** The click count the article page's script shows: {@code {"views": 41}}. */
    public static String viewCount(String articleId) {
        return "/counts/articles/" + encode(articleId);
    }

    public static String categoryFeed(String id) {
        return "/feeds/categories/" + encode(id) + "/rss.xml";
    }

    private static String encode(String segment) {
        return UriComponentsBuilder.newInstance().pathSegment(segment).build().encode().toUriString().substring(1);
    }
}
