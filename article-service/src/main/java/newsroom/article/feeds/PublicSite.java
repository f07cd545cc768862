package newsroom.article.feeds;

import newsroom.article.editorial.Article;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code newsroom.public.*}: where readers find the site, for links in feeds and the sitemap. The article and
 * category page paths are templates: {@code {id}}, {@code {slug}} and {@code {idSlug}} (id, or id-slug).
 */
@ConfigurationProperties("newsroom.public")
public class PublicSite {

    /** The portal's public address (NEWSROOM_PUBLIC_BASE_URL). */
    private String baseUrl = "http://localhost:8080";
    private String articlePath = "/articles/{idSlug}";
    private String categoryPath = "/categories/{id}";
    private String siteName = "Newsroom";
    private String description = "Latest articles";
    /** BCP 47 language of the content, for feeds and Google News sitemaps. */
    private String language = "zh-CN";

    public String articleUrl(Article article) {
        String idSlug = article.getSlug() == null ? article.getId() : article.getId() + "-" + article.getSlug();
        return url(articlePath.replace("{idSlug}", idSlug).replace("{id}", article.getId())
                .replace("{slug}", article.getSlug() == null ? "" : article.getSlug()));
    }

    public String categoryUrl(String categoryId) {
        return url(categoryPath.replace("{id}", categoryId));
    }

    public String homeUrl() {
        return url("/");
    }

    /** Joins base and path, percent-encoding whatever is not allowed in a URL (e.g. CJK in a path). */
    private String url(String path) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return UriComponentsBuilder.fromUriString(base + path).build().encode().toUriString();
    }

    public String getBaseUrl() { return baseUrl; }
    public void setBaseUrl(String baseUrl) { this.baseUrl = baseUrl; }
    public String getArticlePath() { return articlePath; }
    public void setArticlePath(String articlePath) { this.articlePath = articlePath; }
    public String getCategoryPath() { return categoryPath; }
    public void setCategoryPath(String categoryPath) { this.categoryPath = categoryPath; }
    public String getSiteName() { return siteName; }
    public void setSiteName(String siteName) { this.siteName = siteName; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public String getLanguage() { return language; }
    public void setLanguage(String language) { this.language = language; }
}
