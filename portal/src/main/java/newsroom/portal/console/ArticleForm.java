package newsroom.portal.console;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The console's article form. The body is HTML (article-service sanitizes it on save; the preview shows it in a
 * sandboxed frame that runs no script). Keywords are typed separated by commas, 、 or spaces.
 */
public class ArticleForm {

    private String title;
    private String subtitle;
    private String summary;
    private String body;
    private String source;
    private String writer;
    private String coverImageUrl;
    private String keywords;
    private String categoryId;
    private String slug;
    private boolean headline;
    private boolean pinned;
    private boolean recommended;
    private String seoTitle;
    private String seoDescription;
    private Integer sortRank;
    private String etag;

    public static ArticleForm of(EditorialArticle a) {
        ArticleForm form = new ArticleForm();
        form.title = a.title();
        form.subtitle = a.subtitle();
        form.summary = a.summary();
        form.body = a.body();
        form.source = a.source();
        form.writer = a.writer();
        form.coverImageUrl = a.coverImageUrl();
        form.keywords = String.join(", ", a.keywords());
        form.categoryId = a.categoryId();
        form.slug = a.slug();
        form.headline = a.headline();
        form.pinned = a.pinned();
        form.recommended = a.recommended();
        form.seoTitle = a.seoTitle();
        form.seoDescription = a.seoDescription();
        form.sortRank = a.sortRank();
        form.etag = a.etag();
        return form;
    }

    /** The JSON body of create and update; blank optional fields are left out. */
    public Map<String, Object> toDraft() {
        Map<String, Object> draft = new LinkedHashMap<>();
        draft.put("title", title == null ? "" : title.strip());
        putIfPresent(draft, "subtitle", subtitle);
        putIfPresent(draft, "summary", summary);
        draft.put("body", body == null ? "" : body);
        putIfPresent(draft, "source", source);
        putIfPresent(draft, "writer", writer);
        putIfPresent(draft, "coverImageUrl", coverImageUrl);
        putIfPresent(draft, "slug", slug);
        draft.put("keywords", keywordList());
        draft.put("categoryId", categoryId == null ? "" : categoryId.strip());
        draft.put("headline", headline);
        draft.put("pinned", pinned);
        draft.put("recommended", recommended);
        putIfPresent(draft, "seoTitle", seoTitle);
        putIfPresent(draft, "seoDescription", seoDescription);
        if (sortRank != null) {
            draft.put("sortRank", sortRank);
        }
        return draft;
    }

    List<String> keywordList() {
        if (keywords == null || keywords.isBlank()) {
            return List.of();
        }
        return Arrays.stream(keywords.split("[,，、;；\\s]+")).map(String::strip).filter(k -> !k.isEmpty())
                .distinct().toList();
    }

    private static void putIfPresent(Map<String, Object> draft, String key, String value) {
        if (value != null && !value.isBlank()) {
            draft.put(key, value.strip());
        }
    }

    public String getTitle() { return title; }
    public void setTitle(String title) { this.title = title; }
    public String getSubtitle() { return subtitle; }
    public void setSubtitle(String subtitle) { this.subtitle = subtitle; }
    public String getSummary() { return summary; }
    public void setSummary(String summary) { this.summary = summary; }
    public String getBody() { return body; }
    public void setBody(String body) { this.body = body; }
    public String getSource() { return source; }
    public void setSource(String source) { this.source = source; }
    public String getWriter() { return writer; }
    public void setWriter(String writer) { this.writer = writer; }
    public String getCoverImageUrl() { return coverImageUrl; }
    public void setCoverImageUrl(String coverImageUrl) { this.coverImageUrl = coverImageUrl; }
    public String getKeywords() { return keywords; }
    public void setKeywords(String keywords) { this.keywords = keywords; }
    public String getCategoryId() { return categoryId; }
    public void setCategoryId(String categoryId) { this.categoryId = categoryId; }
    public String getSlug() { return slug; }
    public void setSlug(String slug) { this.slug = slug; }
    public boolean isHeadline() { return headline; }
    public void setHeadline(boolean headline) { this.headline = headline; }
    public boolean isPinned() { return pinned; }
    public void setPinned(boolean pinned) { this.pinned = pinned; }
    public boolean isRecommended() { return recommended; }
    public void setRecommended(boolean recommended) { this.recommended = recommended; }
    public String getSeoTitle() { return seoTitle; }
    public void setSeoTitle(String seoTitle) { this.seoTitle = seoTitle; }
    public String getSeoDescription() { return seoDescription; }
    public void setSeoDescription(String seoDescription) { this.seoDescription = seoDescription; }
    public Integer getSortRank() { return sortRank; }
    public void setSortRank(Integer sortRank) { this.sortRank = sortRank; }
    public String getEtag() { return etag; }
    public void setEtag(String etag) { this.etag = etag; }
}
