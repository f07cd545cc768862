package newsroom.stats.intake;

import java.util.Collection;
import java.util.List;
import org.apache.kafka.common.TopicPartition;

/**
 * The steps {@link CountingLoop} takes each polled batch through, in this order, each on the thread the loop gives it.
 *
 * @param <S> a batch sorted out ({@link #sort})
 * @param <F> a flush under way ({@link #beginFlush})
 */
public interface CountingSteps<S, F> {

    /** Decodes and checks the records, reading no counting state: on a sorting thread, ahead of {@link #count}. */
    S sort(List<ViewRecord> records);

    /**
     * Adds the sorted batch up in memory (counting thread). Reads what it needs before it changes anything, so if it
     * throws, nothing of the batch is counted and it can be counted again.
     */
    void count(S sorted);

    /** Views counted in memory and not written yet. */
    long unwrittenViews();

    /** Takes what was counted into a flush (counting thread); null when there is nothing to write. */
    F beginFlush();

    /** Writes the flush and returns when it is durable (writer thread); may be called again after it failed. */
    void write(F flush);

    /** The flush is durable. */
    void completed(F flush);

    /** The flush will not be written: what was counted assuming it would be is dropped. */
    void abandon(F flush);

    /** Throws away what was counted and not written: whoever owns the partitions next reads it again. */
    void discard();

    /** Writes what was counted, then forgets what is cached for these partitions (they move, or were assigned). */
    void forget(Collection<TopicPartition> partitions);
}
