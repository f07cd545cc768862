package newsroom.stats.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.carrotsearch.hppc.LongArrayList;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.WriteModel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import newsroom.stats.StatsProperties;
import newsroom.stats.tally.RefreshState;
import newsroom.testing.InProcessInfrastructure;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The refresh state across flushes and restarts: what a partition's next owner reads back is what was counted. */
class RefreshStoreTests {

    private static final Instant T0 = Instant.parse("2026-11-28T08:00:00Z");
    private static final StatsProperties PROPERTIES =
            new StatsProperties(null, null, null, null, null, 0, 100, null, 0, 0, null);

    private final MongoTemplate mongo = new MongoTemplate(
            MongoClients.create(InProcessInfrastructure.mongo().getConnectionString()),
            "refresh_" + UUID.randomUUID().toString().substring(0, 8));
    private final RefreshStore store = new RefreshStore(mongo);
    private final PartitionState state = owner();
    private final LongArrayList changed = new LongArrayList();

    private static PartitionState owner() {
        PartitionState state = new PartitionState("views", 0, PROPERTIES);
        state.refreshLoaded = true; // nothing stored yet
        return state;
    }

    /** The visitor's last counted view of article-42 is at this time. */
    private void counted(String visitor, Instant at) {
        long key = RefreshState.key("article-42", visitor);
        state.refresh().restore(key, at.toEpochMilli());
        changed.add(key);
    }

    private void flush(long offset) {
        List<WriteModel<Document>> models = new ArrayList<>();
        store.writes(state, changed, offset, models);
        if (!models.isEmpty()) {
            mongo.getCollection(StatsDocs.REFRESH_STATE).bulkWrite(models);
        }
        changed.clear();
    }

    private RefreshState nextOwner() {
        PartitionState next = new PartitionState("views", 0, PROPERTIES);
        store.load(next);
        return next.refresh();
    }

    private static long last(RefreshState state, String visitor) {
        return state.lastCounted(RefreshState.key("article-42", visitor));
    }

    @Test
    void theNextOwnerReadsTheLatestCountedViewOfEachVisitorFromWhatEveryFlushWrote() {
        counted("v1", T0);
        counted("v2", T0);
        flush(10);
        counted("v1", T0.plus(Duration.ofMinutes(40))); // counted again, in a later time slot
        flush(20);
        flush(20); // a retried write changes nothing

        RefreshState next = nextOwner();

        assertThat(last(next, "v1")).isEqualTo(T0.plus(Duration.ofMinutes(40)).toEpochMilli());
        assertThat(last(next, "v2")).isEqualTo(T0.toEpochMilli());
        assertThat(next.size()).isEqualTo(2);
    }

    @Test
    void stateOlderThanTheWindowAndGraceIsForgottenAndItsDocumentsDeleted() {
        counted("v1", T0);
        flush(10);
        Instant later = T0.plus(Duration.ofHours(3)); // past 30 minutes + 2 hours of grace
        counted("v2", later);
        flush(20);

        Bson expired = store.expire(state);
        mongo.getCollection(StatsDocs.REFRESH_STATE).deleteMany(expired);

        assertThat(mongo.getCollection(StatsDocs.REFRESH_STATE).countDocuments()).isEqualTo(1);
        assertThat(store.expire(state)).as("once per slot of view time").isNull();
        RefreshState next = nextOwner();
        assertThat(next.size()).isEqualTo(1);
        assertThat(last(next, "v2")).isEqualTo(later.toEpochMilli());
    }
}
