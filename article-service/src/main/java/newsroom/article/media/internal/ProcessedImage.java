package newsroom.article.media.internal;

import java.util.List;

/**
 * What processing an upload produced: the source's format and (upright) size, whether it carried a location that
 * re-encoding removed, and the variants to store.
 */
public record ProcessedImage(ImageFormat format, int width, int height, boolean locationRemoved,
        List<Variant> variants) {
}
