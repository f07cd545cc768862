package newsroom.stats.counting;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class StatsController {

    private final MongoTemplate mongo;

    StatsController(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** An article nobody has viewed yet has zero views, not a 404: stats-service cannot know every article. */
    @GetMapping("/api/stats/articles/{id}")
    ArticleViews article(@PathVariable String id) {
        ArticleTotals totals = mongo.findById(id, ArticleTotals.class);
        return new ArticleViews(id, totals == null ? 0 : totals.views());
    }

    record ArticleViews(String articleId, long views) {
    }
}
