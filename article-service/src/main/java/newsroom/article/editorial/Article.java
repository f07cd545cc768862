package newsroom.article.editorial;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import newsroom.article.outbox.PendingEvent;
import newsroom.contracts.ArticleCard;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An article and its not-yet-sent events. Everything about one article lives in this one document, so every change
 * and the event announcing it are one atomic write — no multi-document transaction anywhere.
 */
@Document("articles")
public class Article {

    @Id
    private String id;
    @Indexed(unique = true, sparse = true)
    private String slug;
    private String title;
    private String subtitle;
    private String summary;
    private String body;
    private String source;
    private String writer;
    private String coverImageUrl;
    private List<String> keywords = new ArrayList<>();
    private String categoryId;
    private List<String> categoryPath = new ArrayList<>();
    private boolean headline;
    private boolean recommended;
    private boolean pinned;
    private int sortRank;
    private ArticleStatus status = ArticleStatus.DRAFT;
    /** Grows with every change readers or consumers can see; every event carries it. */
    private long revision;
    private Instant createdAt;
    private Instant updatedAt;
    private Instant publishedAt;
    /** Events written with the change they describe, removed once the broker acknowledged them. */
    @Indexed(sparse = true)
    private List<PendingEvent> outbox = new ArrayList<>();
    /** Optimistic lock for concurrent editors. */
    @Version
    private Long version;

    protected Article() {
    }

    public Article(String id, Instant now) {
        this.id = id;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public ArticleCard card() {
        return new ArticleCard(slug, title, subtitle, summary, coverImageUrl, source, writer, keywords, categoryId,
                categoryPath, headline, recommended, pinned, sortRank, publishedAt);
    }

    public boolean isPublished() {
        return status == ArticleStatus.PUBLISHED;
    }

    /** Marks a change that readers or consumers will see, and returns the new revision. */
    long nextRevision(Instant now) {
        revision++;
        updatedAt = now;
        return revision;
    }

    void enqueue(PendingEvent event) {
        outbox.add(event);
    }

    // Plain accessors: Spring Data maps fields directly; setters are package-private to keep writes in this package.

    public String getId() { return id; }
    public String getSlug() { return slug; }
    void setSlug(String slug) { this.slug = slug; }
    public String getTitle() { return title; }
    void setTitle(String title) { this.title = title; }
    public String getSubtitle() { return subtitle; }
    void setSubtitle(String subtitle) { this.subtitle = subtitle; }
    public String getSummary() { return summary; }
    void setSummary(String summary) { this.summary = summary; }
    public String getBody() { return body; }
    void setBody(String body) { this.body = body; }
    public String getSource() { return source; }
    void setSource(String source) { this.source = source; }
    public String getWriter() { return writer; }
    void setWriter(String writer) { this.writer = writer; }
    public String getCoverImageUrl() { return coverImageUrl; }
    void setCoverImageUrl(String coverImageUrl) { this.coverImageUrl = coverImageUrl; }
    public List<String> getKeywords() { return List.copyOf(keywords); }
    void setKeywords(List<String> keywords) { this.keywords = new ArrayList<>(keywords == null ? List.of() : keywords); }
    public String getCategoryId() { return categoryId; }
    public List<String> getCategoryPath() { return List.copyOf(categoryPath); }
    void setCategory(String categoryId, List<String> categoryPath) {
        this.categoryId = categoryId;
        this.categoryPath = new ArrayList<>(categoryPath);
    }
    public boolean isHeadline() { return headline; }
    void setHeadline(boolean headline) { this.headline = headline; }
    public boolean isRecommended() { return recommended; }
    void setRecommended(boolean recommended) { this.recommended = recommended; }
    public boolean isPinned() { return pinned; }
    void setPinned(boolean pinned) { this.pinned = pinned; }
    public int getSortRank() { return sortRank; }
    void setSortRank(int sortRank) { this.sortRank = sortRank; }
    public ArticleStatus getStatus() { return status; }
    void setStatus(ArticleStatus status) { this.status = status; }
    public long getRevision() { return revision; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
    public Instant getPublishedAt() { return publishedAt; }
    void setPublishedAt(Instant publishedAt) { this.publishedAt = publishedAt; }
    public List<PendingEvent> getOutbox() { return List.copyOf(outbox); }
    public Long getVersion() { return version; }
}
