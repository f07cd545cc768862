package newsroom.article.outbox;

import java.time.Instant;

/**
 * An event waiting in its article's document to be sent: written in the same single-document update as the change
 * it describes (the transactional outbox, without a transaction), removed only after the broker acknowledged it.
 */
public record PendingEvent(String eventId, String type, String json, Instant createdAt) {
}
