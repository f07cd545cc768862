package newsroom.article.outbox;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import newsroom.article.editorial.Article;
import newsroom.platform.events.CloudEventPublisher;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.task.TaskExecutor;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Moves events from articles' outboxes to Kafka. Right after a change it sends that article's pending events in the
 * background; a sweep sends whatever is still pending (broker was down, process died before sending). An event leaves
 * the outbox only after a synchronous, acknowledged send, in order; the first failure stops that article's batch so
 * nothing overtakes it. A crash between the send and the removal re-sends the event: consumers discard it by revision.
 */
@Component
public class OutboxRelay {

    static final String BINDING = "articleLifecycle-out-0";
    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final MongoTemplate mongo;
    private final CloudEventPublisher publisher;
    private final Clock clock;
    private final Duration sweepGrace;
    private final TaskExecutor background;

    public OutboxRelay(MongoTemplate mongo, CloudEventPublisher publisher, Clock clock, MeterRegistry meters,
            @Qualifier("applicationTaskExecutor") TaskExecutor background, @Value("${newsroom.outbox.sweep-grace:PT5S}") Duration sweepGrace) {
        this.background = background;
        this.mongo = mongo;
        this.publisher = publisher;
        this.clock = clock;
        this.sweepGrace = sweepGrace;
        meters.gauge("newsroom.outbox.pending", this, OutboxRelay::pendingArticles);
    }

    /** Sends the article's pending events soon, without holding up the caller. */
    public void sendSoon(String articleId) {
        background.execute(() -> flush(articleId));
    }

    /** Sends the article's pending events in order; returns how many were sent and removed. */
    public int flush(String articleId) {
        Article article = mongo.findById(articleId, Article.class);
        if (article == null) {
            return 0;
        }
        int sent = 0;
        for (PendingEvent event : article.getOutbox()) {
            if (!trySend(articleId, event)) {
                break;
            }
            mongo.updateFirst(query(where("_id").is(articleId)),
                    new Update().pull("outbox", new Document("eventId", event.eventId())), Article.class);
            sent++;
        }
        return sent;
    }

    private boolean trySend(String articleId, PendingEvent event) {
        try {
            return publisher.sendJson(BINDING, articleId, event.eventId(), event.createdAt(), event.type(),
                    event.json().getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            log.warn("Event {} of article {} not sent yet ({}); it stays in the outbox", event.eventId(), articleId,
                    e.getMessage());
            return false;
        }
    }

    /** Sends what the immediate send left behind. Older than a grace period, so it does not race the fresh sends. */
    @Scheduled(fixedDelayString = "${newsroom.outbox.sweep-interval:PT5S}")
    public void sweep() {
        Query stale = query(where("outbox.0.createdAt").lt(clock.instant().minus(sweepGrace)));
        stale.fields().include("_id");
        for (Document doc : mongo.find(stale, Document.class, "articles")) {
            flush(doc.getString("_id"));
        }
    }

    private double pendingArticles() {
        return mongo.count(query(where("outbox.0").exists(true)), Article.class);
    }
}
