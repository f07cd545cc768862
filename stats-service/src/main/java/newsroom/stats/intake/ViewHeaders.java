package newsroom.stats.intake;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import newsroom.contracts.CloudEventHeaders;
import newsroom.contracts.EventTypes;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The three header facts counting needs from an article-viewed record, read in one pass over its headers.
 *
 * @param type        the {@code ce_type} header, or null
 * @param released    whether stats-service re-published this view after it was parked ({@link #RELEASED})
 * @param rateLimited whether the record is marked {@link #RATE_LIMITED}
 */
public record ViewHeaders(String type, boolean released, boolean rateLimited) {

    /**
     * Set on a parked view that stats-service re-published to its own retry topic once the article was known (never
     * on article-viewed): its value is the view id.
     */
    public static final String RELEASED = "x-newsroom-released-view";
    /**
     * Set to {@code true} by a producer that lets a view through although its visitor is over a rate limit; such a
     * view is counted as rate-limited, not as a view. article-service's beacon does not set it: it answers 429 and
     * sends nothing.
     */
    public static final String RATE_LIMITED = "x-newsroom-rate-limited";

    private static final byte[] VIEWED_TYPE = EventTypes.ARTICLE_VIEWED.getBytes(StandardCharsets.UTF_8);

    static ViewHeaders read(Headers headers) {
        String type = null;
        boolean released = false;
        boolean rateLimited = false;
        for (Header h : headers) {
            switch (h.key()) {
                case CloudEventHeaders.TYPE -> type = Arrays.equals(h.value(), VIEWED_TYPE)
                        ? EventTypes.ARTICLE_VIEWED : text(h.value()); // the usual value, without a new String
                case RELEASED -> released = true;
                case RATE_LIMITED -> rateLimited = "true".equalsIgnoreCase(text(h.value()));
                default -> {
                }
            }
        }
        return new ViewHeaders(type, released, rateLimited);
    }

    private static String text(byte[] value) {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }
}
