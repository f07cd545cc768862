package newsroom.stats.counting;

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
import newsroom.stats.counting.Contribution.Outcome;
import newsroom.testing.InProcessInfrastructure;
import org.apache.datasketches.hash.MurmurHash3;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The refresh rule across flushes and restarts: what a partition's next owner reads back decides as before. */
class RefreshWindowTests {

    private static final Instant T0 = Instant.parse("2026-11-28T08:00:00Z");

    private final MongoTemplate mongo = new MongoTemplate(
            MongoClients.create(InProcessInfrastructure.mongo().getConnectionString()),
            "refresh_" + UUID.randomUUID().toString().substring(0, 8));
    private final RefreshWindow window = new RefreshWindow(mongo, StatsProperties.defaults());
    private final PartitionState state = loaded(new PartitionState("views", 0, 100));
    private final LongArrayList changed = new LongArrayList();

    private static PartitionState loaded(PartitionState state) {
        state.refreshLoaded = true; // nothing stored yet
        return state;
    }

    private static DecodedView view(String visitor, Instant at) {
        return new DecodedView(UUID.randomUUID().toString(), "article-42", "parks", List.of("news", "parks"), at,
                visitor, "Mozilla/5.0");
    }

    private Outcome see(PartitionState partition, String visitor, Instant at) {
        return window.outcome(partition, changed, view(visitor, at), at.toEpochMilli());
    }

    private void flush(PartitionState partition, long offset) {
        List<WriteModel<Document>> models = new ArrayList<>();
        window.writes(partition, changed, offset, models);
        if (!models.isEmpty()) {
            mongo.getCollection(StatsDocs.REFRESH_STATE).bulkWrite(models);
        }
        changed.clear();
    }

    private PartitionState nextOwner() {
        PartitionState next = new PartitionState("views", 0, 100);
        window.load(next);
        return next;
    }

    @Test
    void aViewWithinThirtyMinutesOfTheVisitorsLastCountedViewIsARefresh() {
        assertThat(see(state, "v1", T0)).isEqualTo(Outcome.COUNTED);
        assertThat(see(state, "v1", T0.plus(Duration.ofMinutes(29)))).isEqualTo(Outcome.REFRESH);
        assertThat(see(state, "v2", T0.plus(Duration.ofMinutes(29)))).isEqualTo(Outcome.COUNTED);
        assertThat(see(state, "v1", T0.plus(Duration.ofMinutes(31)))).isEqualTo(Outcome.COUNTED);
    }

    @Test
    void theNextOwnerReadsTheLatestCountedViewOfEachVisitorFromWhatEveryFlushWrote() {
        see(state, "v1", T0);
        see(state, "v2", T0);
        flush(state, 10);
        see(state, "v1", T0.plus(Duration.ofMinutes(40))); // counted again, in a later time slot
        flush(state, 20);
        flush(state, 20); // a retried write changes nothing

        PartitionState next = nextOwner();

        // 50 minutes after the first view but 10 after the second: only the latest one decides.
        assertThat(see(next, "v1", T0.plus(Duration.ofMinutes(50)))).isEqualTo(Outcome.REFRESH);
        assertThat(see(next, "v2", T0.plus(Duration.ofMinutes(25)))).isEqualTo(Outcome.REFRESH);
        assertThat(see(next, "v2", T0.plus(Duration.ofMinutes(35)))).isEqualTo(Outcome.COUNTED);
    }

    @Test
    void stateOlderThanTheWindowAndGraceIsForgottenAndItsDocumentsDeleted() {
        see(state, "v1", T0);
        flush(state, 10);
        Instant later = T0.plus(Duration.ofHours(3)); // past 30 minutes + 2 hours of grace
        see(state, "v2", later);
        state.watermark = later.toEpochMilli();
        flush(state, 20);

        Bson expired = window.expire(state);
        mongo.getCollection(StatsDocs.REFRESH_STATE).deleteMany(expired);

        assertThat(mongo.getCollection(StatsDocs.REFRESH_STATE).countDocuments()).isEqualTo(1);
        assertThat(window.expire(state)).as("once per slot of view time").isNull();
        PartitionState next = nextOwner();
        assertThat(next.lastCounted.size()).isEqualTo(1);
        assertThat(see(next, "v2", later.plus(Duration.ofMinutes(5)))).isEqualTo(Outcome.REFRESH);
    }

    @Test
    void refreshKeysStayTheHashOfArticleBarVisitorSoStoredStateKeepsItsMeaning() {
        String longVisitor = "v".repeat(300); // longer than the per-thread buffer starts out
        for (String visitor : new String[] {"3f9a0c", longVisitor, "3f9a0c"}) {
            long expected = MurmurHash3.hash(("article-42|" + visitor).toCharArray(), RefreshWindow.REFRESH_SEED)[0];
            assertThat(RefreshWindow.refreshKey("article-42", visitor)).isEqualTo(expected);
        }
        assertThat(RefreshWindow.refreshKey("article-42", "a")).isNotEqualTo(RefreshWindow.refreshKey("article-4", "a"));
    }
}
