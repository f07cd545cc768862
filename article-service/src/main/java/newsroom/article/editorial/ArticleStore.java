package newsroom.article.editorial;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import newsroom.article.outbox.OutboxRelay;
import newsroom.article.outbox.PendingEvent;
import org.bson.Document;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.MongoPersistentEntity;
import org.springframework.data.mongodb.core.mapping.MongoPersistentProperty;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Writes article documents. An update sets every content field and appends ({@code $push}) the new events to the
 * outbox in one conditional single-document update on the expected version: it never rewrites the outbox array, so
 * the relay's concurrent removal ({@code $pull}) of a sent event can neither be undone (a re-sent duplicate) nor make
 * the editor's save fail. Every stored document is announced as an {@link ArticleSaved} application event.
 */
@Component
class ArticleStore {

    private static final Set<String> NOT_CONTENT = Set.of("_id", "version", "outbox");

    private final MongoTemplate mongo;
    private final ApplicationEventPublisher saves;
    private final List<String> contentFields = new ArrayList<>();

    ArticleStore(MongoTemplate mongo, ApplicationEventPublisher saves) {
        this.mongo = mongo;
        this.saves = saves;
        MongoPersistentEntity<?> entity = mongo.getConverter().getMappingContext()
                .getRequiredPersistentEntity(Article.class);
        for (MongoPersistentProperty property : entity) {
            if (!NOT_CONTENT.contains(property.getFieldName())) {
                contentFields.add(property.getFieldName());
            }
        }
    }

    Article insert(Article article) {
        Article stored = mongo.insert(article);
        saves.publishEvent(new ArticleSaved(stored));
        return stored;
    }

    /**
     * Inserts a new article whose outbox the relay's {@code claim} already holds (OutboxRelay#claimNew): the claim
     * is part of the document from its first write. Stored as {@link #insert} stores it, at version 0.
     */
    Article insertClaimed(Article article, OutboxRelay.Claim claim) {
        Document doc = new Document();
        mongo.getConverter().write(article, doc);
        doc.put("version", 0L);
        claim.writeInto(doc);
        mongo.insert(doc, mongo.getCollectionName(Article.class));
        Article stored = mongo.getConverter().read(Article.class, doc);
        saves.publishEvent(new ArticleSaved(stored));
        return stored;
    }

    /**
     * Stores {@code next} if the stored document is still at {@code expectedVersion}.
     *
     * @return the stored document, or empty if someone else changed it first
     */
    Optional<Article> update(Article next, long expectedVersion, List<PendingEvent> newEvents) {
        Document doc = new Document();
        mongo.getConverter().write(next, doc);
        Update update = new Update();
        for (String field : contentFields) {
            if (doc.get(field) != null) {
                update.set(field, doc.get(field));
            } else {
                update.unset(field);
            }
        }
        update.inc("version", 1);
        if (!newEvents.isEmpty()) {
            update.push("outbox").each(newEvents.toArray());
        }
        // One round trip: the conditional update answers the stored document (or nothing, when the version moved on).
        Optional<Article> stored = Optional.ofNullable(mongo.findAndModify(
                query(where("_id").is(next.getId()).and("version").is(expectedVersion)), update,
                FindAndModifyOptions.options().returnNew(true), Article.class));
        stored.ifPresent(article -> saves.publishEvent(new ArticleSaved(article)));
        return stored;
    }
}
