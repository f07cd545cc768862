package newsroom.article;

import java.util.Collection;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.stream.binder.kafka.KafkaBindingRebalanceListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The Kafka binder takes a single {@link KafkaBindingRebalanceListener} ({@code ObjectProvider.getIfUnique()}): with
 * two features each declaring one (the reader copies and the search index), it would take none. This primary one
 * hands every callback to all the others; each of them acts only for its own binding.
 */
@Configuration(proxyBeanMethods = false)
class RebalanceListeners {

    @Bean
    @Primary
    KafkaBindingRebalanceListener everyFeaturesRebalanceListener(
            ObjectProvider<KafkaBindingRebalanceListener> listeners) {
        return new KafkaBindingRebalanceListener() {

            @Override
            public void onPartitionsRevokedBeforeCommit(String bindingName, Consumer<?, ?> consumer,
                    Collection<TopicPartition> partitions) {
                others().forEach(l -> l.onPartitionsRevokedBeforeCommit(bindingName, consumer, partitions));
            }

            @Override
            public void onPartitionsRevokedAfterCommit(String bindingName, Consumer<?, ?> consumer,
                    Collection<TopicPartition> partitions) {
                others().forEach(l -> l.onPartitionsRevokedAfterCommit(bindingName, consumer, partitions));
            }

            @Override
            public void onPartitionsAssigned(String bindingName, Consumer<?, ?> consumer,
                    Collection<TopicPartition> partitions, boolean initial) {
                others().forEach(l -> l.onPartitionsAssigned(bindingName, consumer, partitions, initial));
            }

            private List<KafkaBindingRebalanceListener> others() {
                return listeners.orderedStream().filter(l -> l != this).toList();
            }
        };
    }
}
