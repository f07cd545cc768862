package newsroom.article.media.internal;

/** One re-encoded rendition of an uploaded image: its name ("thumb", "content"), size and bytes. */
public record Variant(String name, String mediaType, int width, int height, byte[] bytes) {
}
