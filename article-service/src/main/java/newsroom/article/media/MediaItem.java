package newsroom.article.media;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An image of the library: what was uploaded, by whom, and its stored variants (each a GridFS file). Written only
 * after every variant is stored, so an item that exists is complete; variant files without an item are the trace of
 * an upload that failed half-way, removed by the upload itself or, after a crash, by {@link MediaLibrary#sweep}.
 */
@Document("media")
record MediaItem(@Id String id, String filename, String format, int width, int height, long bytes,
        boolean locationRemoved, String uploadedBy, Instant uploadedAt, List<StoredVariant> variants) {

    /** One variant's GridFS file, with an ETag from its content (variants never change once stored). */
    record StoredVariant(String name, String fileId, String mediaType, int width, int height, long length,
            String etag) {
    }

    Optional<StoredVariant> variant(String name) {
        return variants.stream().filter(v -> v.name().equals(name)).findFirst();
    }
}
