package newsroom.category.listing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import newsroom.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The listing order's feed skips what the projection has handled, and only that. */
class ProjectedRecordsTests {

    @Test
    void aRecordAtOrBelowTheHighestOffsetHandledInItsPartitionIsHandledAndNoOther() {
        ProjectedRecords projected = new ProjectedRecords();
        assertThat(projected.isHandled(record(0, 0))).as("nothing handled yet").isFalse();

        projected.markHandled(List.of(record(0, 3), record(0, 4), record(1, 7)));
        projected.markHandled(List.of(record(0, 2))); // a partition read again from an earlier offset (a rebalance)

        assertThat(projected.isHandled(record(0, 0))).isTrue();
        assertThat(projected.isHandled(record(0, 4))).isTrue();
        assertThat(projected.isHandled(record(0, 5))).as("not handled yet: the feed applies it").isFalse();
        assertThat(projected.isHandled(record(1, 7))).isTrue();
        assertThat(projected.isHandled(record(1, 8))).isFalse();
        assertThat(projected.isHandled(record(2, 0))).as("a partition another replica projects").isFalse();
    }

    private static ConsumerRecord<String, byte[]> record(int partition, long offset) {
        return new ConsumerRecord<>(Topics.ARTICLE_LIFECYCLE, partition, offset, "a", new byte[0]);
    }
}
