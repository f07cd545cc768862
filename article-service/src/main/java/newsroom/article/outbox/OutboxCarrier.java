package newsroom.article.outbox;

import java.util.List;

/**
 * A document that carries its own outbox: the events written in the same single-document update as the change they
 * announce (the article document, in article-service). What the relay needs of it, so the outbox does not depend on
 * the editorial model.
 */
public interface OutboxCarrier {

    /** The document's id: the key of its events. */
    String getId();

    /** Its pending events, oldest first. */
    List<PendingEvent> getOutbox();
}
