package newsroom.article.editorial;

import static org.assertj.core.api.Assertions.assertThat;

import newsroom.testing.InProcessInfrastructureTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexInfo;

/**
 * The unique indexes earlier versions made for the guarded save's and the relay's claim's queries are dropped when
 * the service starts on a store that has them; the others stay.
 */
@InProcessInfrastructureTest
class RetiredIndexesTests {

    @Autowired
    MongoTemplate mongo;

    @Test
    void theGuardedSavesAndTheClaimsIndexesOfEarlierVersionsAreDroppedAtStart() {
        var articles = mongo.indexOps("articles");
        articles.createIndex(new Index().on("_id", Sort.Direction.ASC).on("version", Sort.Direction.ASC).unique()
                .named("id_version"));
        articles.createIndex(new Index().on("_id", Sort.Direction.ASC).on("relayClaimOwner", Sort.Direction.ASC)
                .unique().named("outbox_claim"));
        assertThat(articles.getIndexInfo()).extracting(IndexInfo::getName).contains("id_version", "outbox_claim");

        new RetiredIndexes(mongo); // as a start of this version on that store does

        assertThat(articles.getIndexInfo()).extracting(IndexInfo::getName)
                .doesNotContainAnyElementsOf(RetiredIndexes.RETIRED)
                .contains("_id_");
        new RetiredIndexes(mongo); // a second start (or replica) finds nothing to drop
    }
}
