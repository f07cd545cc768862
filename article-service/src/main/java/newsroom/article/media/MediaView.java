package newsroom.article.media;

import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An image as the API shows it. {@code url} is the content-width variant's path, relative to the site, as it goes
 * into article bodies and cover images ({@code /media/{id}/content}); the portal serves the same paths.
 */
public record MediaView(String id, String filename, String format, int width, int height, long bytes,
        boolean locationRemoved, String uploadedBy, Instant uploadedAt, String url, String thumbnailUrl,
        Map<String, VariantView> variants) {

    public record VariantView(String url, String mediaType, int width, int height, long length) {
    }

    static String path(String id, String variant) {
        return "/media/" + id + "/" + variant;
    }

    static MediaView of(MediaItem item) {
        return new MediaView(item.id(), item.filename(), item.format(), item.width(), item.height(), item.bytes(),
                item.locationRemoved(), item.uploadedBy(), item.uploadedAt(),
                path(item.id(), "content"), path(item.id(), "thumb"),
                item.variants().stream().collect(Collectors.toMap(MediaItem.StoredVariant::name,
                        v -> new VariantView(path(item.id(), v.name()), v.mediaType(), v.width(), v.height(),
                                v.length()), (a, b) -> a, java.util.LinkedHashMap::new)));
    }
}
