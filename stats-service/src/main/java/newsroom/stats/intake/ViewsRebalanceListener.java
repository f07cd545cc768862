package newsroom.stats.intake;

import java.util.Collection;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.springframework.cloud.stream.binder.kafka.KafkaBindingRebalanceListener;

/**
 * Before partitions of the views binding move, everything counted is written and acknowledged, so the container
 * commits it first ({@link CountingLoop#drain}). Cached partition state is only valid while the partition stays with
 * this consumer, so it is forgotten when partitions have moved or were assigned.
 */
final class ViewsRebalanceListener implements KafkaBindingRebalanceListener {

    private final String binding;
    private final CountingLoop<?, ?> loop;

    ViewsRebalanceListener(String binding, CountingLoop<?, ?> loop) {
        this.binding = binding;
        this.loop = loop;
    }

    @Override
    public void onPartitionsRevokedBeforeCommit(String bindingName, Consumer<?, ?> consumer,
            Collection<TopicPartition> partitions) {
        if (binding.equals(bindingName)) {
            loop.drain(partitions);
        }
    }

    @Override
    public void onPartitionsRevokedAfterCommit(String bindingName, Consumer<?, ?> consumer,
            Collection<TopicPartition> partitions) {
        if (binding.equals(bindingName)) {
            loop.forget(partitions);
        }
    }

    @Override
    public void onPartitionsAssigned(String bindingName, Consumer<?, ?> consumer,
            Collection<TopicPartition> partitions, boolean initial) {
        if (binding.equals(bindingName)) {
            loop.forget(partitions);
        }
    }
}
