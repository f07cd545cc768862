package newsroom.category.listing;

import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One article as listings show it, projected from article lifecycle events. An unpublished article keeps its
 * document with {@code listed = false}: the stored {@code revision} is what makes a late, older "published" event
 * harmless.
 */
@Document("listed_articles")
// id_revision: the projection's compare-and-set ({_id, revision}) answered from an index on every store, the local
// run's included (mongo-java-server uses an index only for a query on exactly its fields).
@CompoundIndex(name = "id_revision", def = "{'_id': 1, 'revision': 1}", unique = true)
@CompoundIndex(name = "category_listing", def = "{'categoryId': 1, 'listed': 1, 'pinned': -1, 'sortRank': -1, 'publishedAt': -1}")
public record ListedArticle(
        @Id String articleId,
        long revision,
        boolean listed,
        String categoryId,
        List<String> categoryPath,
        String slug,
        String title,
        String summary,
        String coverImageUrl,
        String source,
        List<String> keywords,
        boolean headline,
        boolean pinned,
        int sortRank,
        Instant publishedAt) {
}
