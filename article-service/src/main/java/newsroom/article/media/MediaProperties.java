package newsroom.article.media;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** {@code newsroom.media.*}: upload limits, variant sizes and the variant cache. */
@ConfigurationProperties("newsroom.media")
public class MediaProperties {

    /** Largest upload accepted (over it: 413). Keep spring.servlet.multipart.max-file-size at least this. */
    private DataSize maxUploadSize = DataSize.ofMegabytes(10);
    /** Largest canvas decoded, in megapixels: a small file can declare a huge one. */
    private int maxMegapixels = 80;
    /** The thumbnail fits a square of this many pixels. */
    private int thumbnailSize = 320;
    /** The content variant is at most this wide (never enlarged). */
    private int contentWidth = 1200;
    /** Memory for variant bytes served (least recently used go first). */
    private DataSize cacheSize = DataSize.ofMegabytes(64);

    public DataSize getMaxUploadSize() { return maxUploadSize; }
    public void setMaxUploadSize(DataSize maxUploadSize) { this.maxUploadSize = maxUploadSize; }
    public int getMaxMegapixels() { return maxMegapixels; }
    public void setMaxMegapixels(int maxMegapixels) { this.maxMegapixels = maxMegapixels; }
    public int getThumbnailSize() { return thumbnailSize; }
    public void setThumbnailSize(int thumbnailSize) { this.thumbnailSize = thumbnailSize; }
    public int getContentWidth() { return contentWidth; }
    public void setContentWidth(int contentWidth) { this.contentWidth = contentWidth; }
    public DataSize getCacheSize() { return cacheSize; }
    public void setCacheSize(DataSize cacheSize) { this.cacheSize = cacheSize; }
}
