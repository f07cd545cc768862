package newsroom.article.search;

import java.time.Instant;
import java.util.List;
import newsroom.article.editorial.Article;
import org.jsoup.Jsoup;

/**
 * What the index holds of one published article: its text fields (the body as plain text: tags and entities are gone
 * before anything is tokenised or highlighted) and what a result shows or is filtered by.
 */
public record SearchDocument(
        String id,
        long revision,
        String title,
        String summary,
        String bodyText,
        List<String> keywords,
        String source,
        String slug,
        String categoryId,
        List<String> categoryPath,
        Instant publishedAt) {

    public SearchDocument {
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
        categoryPath = categoryPath == null ? List.of() : List.copyOf(categoryPath);
    }

    /** The document of a published article; its body (sanitized HTML) reduced to the text a reader sees. */
    public static SearchDocument of(Article article) {
        return new SearchDocument(article.getId(), article.getRevision(), article.getTitle(), article.getSummary(),
                textOf(article.getBody()), article.getKeywords(), article.getSource(), article.getSlug(),
                article.getCategoryId(), article.getCategoryPath(), article.getPublishedAt());
    }

    /** The text of an HTML fragment, block elements separated by spaces, entities decoded. */
    public static String textOf(String html) {
        return html == null || html.isBlank() ? "" : Jsoup.parseBodyFragment(html).body().text();
    }
}
