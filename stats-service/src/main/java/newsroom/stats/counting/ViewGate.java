package newsroom.stats.counting;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import newsroom.stats.intake.ViewRecord;
import newsroom.stats.tally.DecodedView;

/** What counting needs from the rest of the service: known articles, parking, dead letters. */
public interface ViewGate {

    /** A record for the dead-letter topic, and why. */
    record DeadLetter(ViewRecord record, String reason) {
    }

    /** A valid view of an article not known yet. */
    record Parked(ViewRecord record, DecodedView view) {
    }

    /** The ids among these that article-lifecycle has announced. */
    Set<String> known(Set<String> articleIds);

    /** Whether the article is known without asking MongoDB (false means: ask {@link #known}). */
    boolean knownInMemory(String articleId);

    /**
     * Whether this record is the one copy of a released (re-published) parked view that counts: true for the first
     * record that claims the view id, and for that same record when it is redelivered.
     */
    boolean claimRelease(String viewId, String topic, int partition, long offset);

    /** Sends the records to the dead-letter topic; the future completes when the broker has them all. */
    CompletableFuture<Void> deadLetter(List<DeadLetter> deadLetters);

    /** Keeps the views until their article is known or their grace time is over; durable when this returns. */
    void park(List<Parked> parked);

    /**
     * The offsets of this partition's records that were parked and that the topic may still deliver: such a record,
     * read again (a redelivery after a crash, a replay), was or will be counted through its released copy.
     */
    Collection<Long> parkedOffsets(String topic, int partition);
}
