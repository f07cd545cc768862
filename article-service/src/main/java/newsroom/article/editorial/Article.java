package newsroom.article.editorial;

import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import newsroom.article.outbox.OutboxCarrier;
import newsroom.article.outbox.PendingEvent;
import newsroom.contracts.ArticleCard;
import newsroom.contracts.ImportedFrom;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An article and its not-yet-sent events. Everything about one article lives in this one document, so every change
 * and the event announcing it are one atomic write — no multi-document transaction anywhere. The document is the
 * source of truth; revisions ({@code article_revisions}) and slug history ({@code article_slugs}) are written
 * before it and only count once this document points at them.
 */
@Document("articles")
@CompoundIndex(name = "status_published", def = "{'status': 1, 'publishedAt': -1}")
@CompoundIndex(name = "status_publish_at", def = "{'status': 1, 'publishAt': 1}")
public class Article implements OutboxCarrier {

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
    /** Keywords folded for matching (NFKC, lower case): "ＡＩ", "ai" and "AI" are one keyword. */
    @Indexed
    private List<String> keywordKeys = new ArrayList<>();
    private String seoTitle;
    private String seoDescription;
    private String categoryId;
    @Indexed
    private List<String> categoryPath = new ArrayList<>();
    private boolean headline;
    private boolean recommended;
    private boolean pinned;
    private int sortRank;
    private ArticleStatus status = ArticleStatus.DRAFT;
    /** When a SCHEDULED article is due. */
    private Instant publishAt;
    /** Grows with every change readers or consumers can see; every event carries it. */
    private long revision;
    /** The account that created the article: writers may only work on their own. */
    @Indexed
    private String createdBy;
    private String lastModifiedBy;
    /** What the last save did; copied into its revision. */
    private String lastAction;
    /** The note of the last review (a rejection says what to change). */
    private String reviewNote;
    private String reviewedBy;
    private Instant reviewedAt;
    private Instant createdAt;
    /** Indexed for the editors' desk, which looks for other replicas' saves by it (see desk.DeskIndexUpdates). */
    @Indexed
    private Instant updatedAt;
    private Instant publishedAt;
    /** Identifies the save that wrote this state: the head of the revision chain. */
    private String saveId;
    /**
     * When the working copy was last autosaved, while it differs from the head revision; null once a save or a
     * workflow step recorded it as a revision. Autosaves bump {@code version} (so the ETag tells other editors)
     * but keep {@code saveId}: they collapse into the working copy instead of each making a revision.
     */
    private Instant autosavedAt;
    /** Where an imported article came from (system, site, id there, old click count); null if written here. */
    private ImportedFrom importedFrom;
    /** Events written with the change they describe, removed once the broker acknowledged them. */
    @Indexed(sparse = true)
    private List<PendingEvent> outbox = new ArrayList<>();
    /** Optimistic lock for concurrent editors; the ETag of the editorial API. */
    @Version
    private Long version;

    protected Article() {
    }

    public Article(String id, Instant now) {
        this.id = id;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** A copy to change, so that a failed save leaves the loaded state untouched. */
    Article copy() {
        Article c = new Article();
        c.id = id; c.slug = slug; c.title = title; c.subtitle = subtitle; c.summary = summary; c.body = body;
        c.source = source; c.writer = writer; c.coverImageUrl = coverImageUrl;
        c.keywords = new ArrayList<>(keywords); c.keywordKeys = new ArrayList<>(keywordKeys);
        c.seoTitle = seoTitle; c.seoDescription = seoDescription; c.categoryId = categoryId;
        c.categoryPath = new ArrayList<>(categoryPath); c.headline = headline; c.recommended = recommended;
        c.pinned = pinned; c.sortRank = sortRank; c.status = status; c.publishAt = publishAt; c.revision = revision;
        c.createdBy = createdBy; c.lastModifiedBy = lastModifiedBy; c.lastAction = lastAction;
        c.reviewNote = reviewNote; c.reviewedBy = reviewedBy; c.reviewedAt = reviewedAt; c.createdAt = createdAt;
        c.updatedAt = updatedAt; c.publishedAt = publishedAt; c.saveId = saveId; c.autosavedAt = autosavedAt;
        c.importedFrom = importedFrom;
        c.outbox = new ArrayList<>(outbox); c.version = version;
        return c;
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

    public static String keywordKey(String keyword) {
        return Normalizer.normalize(keyword, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
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
    void setKeywords(List<String> keywords) {
        this.keywords = new ArrayList<>(keywords == null ? List.of() : keywords.stream().map(String::strip).toList());
        this.keywordKeys = new ArrayList<>(this.keywords.stream().map(Article::keywordKey).distinct().toList());
    }
    public List<String> getKeywordKeys() { return List.copyOf(keywordKeys); }
    public String getSeoTitle() { return seoTitle; }
    void setSeoTitle(String seoTitle) { this.seoTitle = seoTitle; }
    public String getSeoDescription() { return seoDescription; }
    void setSeoDescription(String seoDescription) { this.seoDescription = seoDescription; }
    public String getCategoryId() { return categoryId; }
    public List<String> getCategoryPath() { return List.copyOf(categoryPath); }
    void setCategory(String categoryId, List<String> categoryPath) {
        this.categoryId = categoryId;
        this.categoryPath = new ArrayList<>(categoryPath == null ? List.of() : categoryPath);
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
    public Instant getPublishAt() { return publishAt; }
    void setPublishAt(Instant publishAt) { this.publishAt = publishAt; }
    public long getRevision() { return revision; }
    public String getCreatedBy() { return createdBy; }
    void setCreatedBy(String createdBy) { this.createdBy = createdBy; }
    public String getLastModifiedBy() { return lastModifiedBy; }
    public String getLastAction() { return lastAction; }
    void touch(String by, String action, Instant now) {
        this.lastModifiedBy = by;
        this.lastAction = action;
        this.updatedAt = now;
    }
    public Instant getAutosavedAt() { return autosavedAt; }
    void setAutosavedAt(Instant autosavedAt) { this.autosavedAt = autosavedAt; }
    public String getReviewNote() { return reviewNote; }
    public String getReviewedBy() { return reviewedBy; }
    public Instant getReviewedAt() { return reviewedAt; }
    void review(String note, String by, Instant at) {
        this.reviewNote = note;
        this.reviewedBy = by;
        this.reviewedAt = at;
    }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getUpdatedAt() { return updatedAt; }
    public Instant getPublishedAt() { return publishedAt; }
    void setPublishedAt(Instant publishedAt) { this.publishedAt = publishedAt; }
    public String getSaveId() { return saveId; }
    void setSaveId(String saveId) { this.saveId = saveId; }
    public ImportedFrom getImportedFrom() { return importedFrom; }
    void setImportedFrom(ImportedFrom importedFrom) { this.importedFrom = importedFrom; }
    public List<PendingEvent> getOutbox() { return List.copyOf(outbox); }
    /** Only for a document about to be inserted: later events are appended by {@link ArticleStore#update}. */
    void queueBeforeInsert(PendingEvent event) { outbox.add(event); }
    public Long getVersion() { return version; }
    public long currentVersion() { return version == null ? 0L : version; }
}
