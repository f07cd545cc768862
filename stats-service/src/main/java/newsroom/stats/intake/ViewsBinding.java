package newsroom.stats.intake;

import java.util.function.Consumer;
import newsroom.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.GroupProtocol;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.stream.binder.kafka.KafkaBindingRebalanceListener;
import org.springframework.cloud.stream.binder.kafka.support.ConsumerConfigCustomizer;
import org.springframework.cloud.stream.config.ListenerContainerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.converter.BatchMessageConverter;
import org.springframework.messaging.Message;

/**
 * The article-viewed consumer (binding {@code articleViewed-in-0}, group stats-service; it also reads stats-service's
 * retry topic of released parked views, in the same container) in batch mode: each poll's
 * records, as Kafka returned them ({@link RawBatchConverter}, values read by {@link PolledViewDeserializer}), go to
 * {@link CountingLoop}, which acknowledges them once their views are written; the container then commits the offsets.
 */
@Configuration
class ViewsBinding {

    static final String BINDING = "articleViewed-in-0";

    /** Hands the raw ConsumerRecords of each poll to the function (see {@link RawBatchConverter}). */
    @Bean
    BatchMessageConverter viewBatchConverter() {
        return new RawBatchConverter();
    }

    /**
     * Declared as Message&lt;?&gt;: the function takes the batch as the binder made it, without payload conversion,
     * and hands it to the counting thread, which acknowledges it once its views are written (ack mode MANUAL).
     */
    @Bean
    Consumer<Message<?>> articleViewed(CountingLoop<?, ?> loop) {
        return message -> {
            RawBatchConverter.Poll poll = RawBatchConverter.poll(message, BINDING);
            loop.submit(poll.records(), poll.ack(), poll.consumer());
        };
    }

    /**
     * The group's partitions of each topic split evenly (the broker's range assignor, KIP-848): the binding reads
     * article-viewed and the retry topic in one group, and the default uniform assignor balances only the total, so
     * a second instance could get nothing but the retry topic's partitions. (The classic protocol's default range
     * assignment splits per topic already; it refuses this setting.)
     */
    @Bean
    ConsumerConfigCustomizer viewsConsumerConfig() {
        return (properties, binding, destination) -> {
            // For every binding of the service: with one topic, range and uniform split alike.
            if (GroupProtocol.CONSUMER.name().equalsIgnoreCase(
                    String.valueOf(properties.get(ConsumerConfig.GROUP_PROTOCOL_CONFIG)))) {
                properties.putIfAbsent(ConsumerConfig.GROUP_REMOTE_ASSIGNOR_CONFIG, "range");
            }
        };
    }

    /** Drains before partitions move, and forgets their cached state when they have moved or were assigned. */
    @Bean
    KafkaBindingRebalanceListener viewsRebalanceListener(CountingLoop<?, ?> loop) {
        return new ViewsRebalanceListener(BINDING, loop);
    }

    /**
     * A batch the counting thread cannot take (it is far behind: MongoDB unavailable) is polled again, with growing
     * pauses, until it is taken: skipping it would lose views. Bad records never fail a batch; they go to the
     * dead-letter topic.
     */
    @Bean
    ListenerContainerCustomizer<AbstractMessageListenerContainer<?, ?>> viewsContainer(
            @Value("${spring.cloud.stream.bindings.articleViewed-in-0.destination:" + Topics.ARTICLE_VIEWED + "}")
            String viewsTopics) {
        return (container, destination, group) -> {
            if (viewsTopics.equals(destination)) { // both topics, one container (multiplex)
                container.setCommonErrorHandler(new DefaultErrorHandler(CountingLoop.retryBackOff()));
            }
            // Every binding of this service is a batch one. The binder observes record listeners but not batch ones,
            // whose container would then time them with spring-kafka's own timer: the same meter name,
            // spring.kafka.listener, with other tags, which Prometheus refuses (a warning at every start). Batches
            // of views are timed by newsroom.views.batch instead.
            container.getContainerProperties().setMicrometerEnabled(false);
            // Short polls: the container commits the counting thread's acknowledgements between polls, and with
            // group.protocol=consumer our tests saw polls run to their timeout even when records had arrived.
            container.getContainerProperties().setPollTimeout(100);
        };
    }
}
