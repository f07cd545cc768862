package newsroom.stats.counting;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** Running totals of one article. */
@Document("article_totals")
public record ArticleTotals(@Id String articleId, String categoryId, long views, Instant lastViewAt) {
}
