package newsroom.stats.tally;

import static org.assertj.core.api.Assertions.assertThat;

import com.carrotsearch.hppc.LongArrayList;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.datasketches.hash.MurmurHash3;
import org.junit.jupiter.api.Test;

/** The refresh rule: the same visitor again within 30 minutes of their last counted view is a refresh. */
class RefreshStateTests {

    private static final Instant T0 = Instant.parse("2026-11-28T08:00:00Z");

    private final RefreshState state = new RefreshState(Duration.ofMinutes(30), Duration.ofHours(2));
    private final LongArrayList changed = new LongArrayList();

    private Outcome see(String visitor, Instant at) {
        DecodedView view = new DecodedView(UUID.randomUUID().toString(), "article-42", "parks",
                List.of("news", "parks"), at, visitor, "Mozilla/5.0");
        return state.outcome(view, at.toEpochMilli(), changed);
    }

    @Test
    void aViewWithinThirtyMinutesOfTheVisitorsLastCountedViewIsARefresh() {
        assertThat(see("v1", T0)).isEqualTo(Outcome.COUNTED);
        assertThat(see("v1", T0.plus(Duration.ofMinutes(29)))).isEqualTo(Outcome.REFRESH);
        assertThat(see("v2", T0.plus(Duration.ofMinutes(29)))).isEqualTo(Outcome.COUNTED);
        assertThat(see("v1", T0.plus(Duration.ofMinutes(31)))).isEqualTo(Outcome.COUNTED);
        assertThat(changed.size()).as("counted views change the state; refreshes do not").isEqualTo(3);
    }

    @Test
    void entriesOlderThanTheWindowAndGraceAreForgottenOncePerStepOfViewTime() {
        see("v1", T0);
        Instant later = T0.plus(Duration.ofHours(3)); // past 30 minutes + 2 hours of grace
        see("v2", later);
        state.advance(later.toEpochMilli());

        assertThat(state.expire()).isEqualTo(later.minus(Duration.ofMinutes(150)).toEpochMilli());
        assertThat(state.size()).isEqualTo(1);
        assertThat(state.expire()).as("once per step of view time").isEqualTo(Long.MIN_VALUE);
        assertThat(see("v1", later.plus(Duration.ofMinutes(1)))).isEqualTo(Outcome.COUNTED);
    }

    @Test
    void refreshKeysStayTheHashOfArticleBarVisitorSoStoredStateKeepsItsMeaning() {
        String longVisitor = "v".repeat(300); // longer than the per-thread buffer starts out
        for (String visitor : new String[] {"3f9a0c", longVisitor, "3f9a0c"}) {
            long expected = MurmurHash3.hash(("article-42|" + visitor).toCharArray(), RefreshState.REFRESH_SEED)[0];
            assertThat(RefreshState.key("article-42", visitor)).isEqualTo(expected);
        }
        assertThat(RefreshState.key("article-42", "a")).isNotEqualTo(RefreshState.key("article-4", "a"));
    }
}
