package newsroom.stats.counting;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import newsroom.contracts.EventTypes;
import newsroom.stats.StatsProperties;
import newsroom.stats.intake.ViewRecord;
import newsroom.stats.tally.BatchResult;
import newsroom.stats.tally.DecodedView;
import newsroom.stats.tally.DropReason;
import newsroom.stats.tally.ViewDecoder;

/**
 * A batch sorted out without any counting state ({@link #sort}): views to count, per partition in the order of the
 * poll, and what goes to the dead-letter topic. Safe on any thread and ahead of counting.
 */
final class SortedBatch {

    final BatchResult result = new BatchResult();
    final List<ViewGate.DeadLetter> deadLetters = new ArrayList<>();
    /** "topic|partition" to the views of that partition that passed every check. */
    final Map<String, List<Accepted>> byPartition = new LinkedHashMap<>();
    /** Articles of accepted views that were not known to this process when the batch was sorted. */
    final Set<String> unsure = new HashSet<>();
    boolean anyReleased;
    final int size;

    private SortedBatch(int size) {
        this.size = size;
    }

    /**
     * Decodes and checks every record: the type must be article-viewed v1 (a newer version beside it is skipped, not
     * ours to read), the payload must fit its schema, and the view must not lie too far in the future; anything else
     * is dead-lettered with its reason.
     */
    static SortedBatch sort(List<ViewRecord> records, ViewDecoder decoder, ViewGate gate, Clock clock,
            StatsProperties properties) {
        Instant now = clock.instant();
        Instant latestAllowed = now.plus(properties.maxFutureSkew());
        SortedBatch sorted = new SortedBatch(records.size());
        ViewDecoder.Scratch scratch = decoder.scratch();
        // Article ids come out of the decoder as one instance per value (on this thread), and a batch has a few
        // thousand distinct ones: asking the shared set once per article, not once per view.
        Map<String, Boolean> knownHere = new IdentityHashMap<>();
        List<Accepted> partitionViews = null; // a poll returns its records partition by partition
        String partitionTopic = null;
        int partitionNumber = -1;
        for (ViewRecord record : records) {
            if (!record.released()) {
                sorted.result.addReceived();
            }
            String type = record.type();
            if (type != null && !EventTypes.ARTICLE_VIEWED.equals(type) && EventTypes.payloadOf(type) == null) {
                sorted.result.dropped(DropReason.UNSUPPORTED_TYPE);
                continue;
            }
            if (type == null || !EventTypes.ARTICLE_VIEWED.equals(type)) {
                sorted.deadLetter(record, DropReason.INVALID, "invalid: ce_type is "
                        + (type == null ? "missing" : "'" + type + "'") + ", expected " + EventTypes.ARTICLE_VIEWED);
                continue;
            }
            ViewDecoder.Result decoded = decoder.decode(record.value(), scratch);
            DecodedView view = decoded.view();
            if (view == null) {
                sorted.deadLetter(record, DropReason.INVALID, "invalid: " + decoded.invalidReason());
                continue;
            }
            if (view.viewedAt().isAfter(latestAllowed)) {
                sorted.deadLetter(record, DropReason.FUTURE, "future: viewedAt " + view.viewedAt()
                        + " is more than " + properties.maxFutureSkew() + " ahead of " + now);
                continue;
            }
            // Almost every article is known already: MongoDB is asked only about the others, when counting.
            if (!knownHere.computeIfAbsent(view.articleId(), gate::knownInMemory)) {
                sorted.unsure.add(view.articleId());
            }
            sorted.anyReleased |= record.released();
            if (partitionViews == null || record.partition() != partitionNumber
                    || !record.topic().equals(partitionTopic)) {
                partitionTopic = record.topic();
                partitionNumber = record.partition();
                partitionViews = sorted.byPartition.computeIfAbsent(partitionTopic + '|' + partitionNumber,
                        k -> new ArrayList<>(records.size()));
            }
            partitionViews.add(new Accepted(record, view));
        }
        return sorted;
    }

    private void deadLetter(ViewRecord record, DropReason reason, String why) {
        result.dropped(reason);
        deadLetters.add(new ViewGate.DeadLetter(record, why));
    }
}
