package newsroom.stats.counting;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.function.Consumer;
import newsroom.contracts.ArticleViewed;
import newsroom.platform.events.CloudEventReader;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.messaging.Message;

/** Applies view events to per-article totals with one atomic upsert each. */
@Configuration
class ViewCounter {

    private final MongoTemplate mongo;
    private final CloudEventReader reader;

    ViewCounter(MongoTemplate mongo, CloudEventReader reader) {
        this.mongo = mongo;
        this.reader = reader;
    }

    @Bean
    Consumer<Message<byte[]>> articleViewed() {
        return message -> reader.read(message)
                .filter(ArticleViewed.class::isInstance).map(ArticleViewed.class::cast)
                .ifPresent(this::count);
    }

    void count(ArticleViewed view) {
        mongo.upsert(query(where("_id").is(view.articleId())),
                new Update().inc("views", 1).set("categoryId", view.categoryId()).max("lastViewAt", view.viewedAt()),
                ArticleTotals.class);
    }
}
