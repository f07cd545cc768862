package newsroom.article.media.internal;

/** An upload that is not an image the library takes: {@code unsupported} (415) or {@code corrupt} (422). */
public class ImageRejected extends RuntimeException {

    private final boolean unsupported;

    private ImageRejected(boolean unsupported, String reason, Throwable cause) {
        super(reason, cause);
        this.unsupported = unsupported;
    }

    public static ImageRejected unsupported(String reason) {
        return new ImageRejected(true, reason, null);
    }

    public static ImageRejected corrupt(String reason, Throwable cause) {
        return new ImageRejected(false, reason, cause);
    }

    public boolean unsupported() {
        return unsupported;
    }
}
