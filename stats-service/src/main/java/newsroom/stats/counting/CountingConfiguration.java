package newsroom.stats.counting;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import newsroom.contracts.Topics;
import newsroom.stats.StatsProperties;
import newsroom.stats.articles.KnownArticles;
import newsroom.stats.deadletter.DeadLetters;
import newsroom.stats.deadletter.ParkedViews;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.stream.binder.kafka.KafkaBindingRebalanceListener;
import org.springframework.cloud.stream.config.ListenerContainerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.converter.BatchMessageConverter;
import org.springframework.messaging.Message;

/**
 * The article-viewed consumer (binding {@code articleViewed-in-0}, group stats-service) in batch mode: each poll's
 * records, as Kafka returned them ({@link RawBatchConverter}, values read by {@link PolledViewDeserializer}), go to
 * {@link CountingLoop}, which acknowledges them once their views are written; the container then commits the offsets.
 */
@Configuration
class CountingConfiguration {

    static final String BINDING = "articleViewed-in-0";

    @Bean
    BotDetector botDetector() {
        return new BotDetector();
    }

    @Bean
    ViewDecoder viewDecoder() {
        return new ViewDecoder();
    }

    @Bean
    ViewMetrics viewMetrics(MeterRegistry registry) {
        return new ViewMetrics(registry, ParkedViews.DLQ_TOPIC);
    }

    @Bean
    DeadLetters deadLetters(@Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers,
            @Value("${spring.cloud.stream.kafka.binder.min-partition-count:1}") int partitions,
            @Value("${spring.cloud.stream.kafka.binder.replication-factor:-1}") short replicationFactor) {
        return new DeadLetters(brokers, partitions, replicationFactor);
    }

    @Bean
    ParkedViews parkedViews(MongoTemplate mongo, KnownArticles articles, DeadLetters deadLetters,
            ViewMetrics metrics, Clock clock, StatsProperties properties) {
        return new ParkedViews(mongo, articles, deadLetters, metrics, clock, properties);
    }

    @Bean
    CountingPipeline countingPipeline(MongoTemplate mongo, ViewDecoder decoder, BotDetector bots,
            ParkedViews gate, ViewMetrics metrics, Clock clock, StatsProperties properties, MeterRegistry registry) {
        CountingPipeline pipeline = new CountingPipeline(mongo, decoder, bots, gate, metrics, clock, properties);
        io.micrometer.core.instrument.Gauge.builder("newsroom.views.unwritten", pipeline,
                        CountingPipeline::unwrittenViews)
                .description("Views counted in memory and not written to MongoDB yet (their offsets are not committed)")
                .register(registry);
        return pipeline;
    }

    /** Hands the raw ConsumerRecords of each poll to the function (see {@link RawBatchConverter}). */
    @Bean
    BatchMessageConverter viewBatchConverter() {
        return new RawBatchConverter();
    }

    @Bean
    CountingLoop countingLoop(CountingPipeline pipeline, StatsProperties properties) {
        return new CountingLoop(pipeline, properties);
    }

    /**
     * Declared as Message&lt;?&gt;: the function takes the batch as the binder made it, without payload conversion,
     * and hands it to the counting thread, which acknowledges it once its views are written (ack mode MANUAL).
     */
    @Bean
    Consumer<Message<?>> articleViewed(CountingLoop loop) {
        return message -> {
            Acknowledgment ack = message.getHeaders().get(KafkaHeaders.ACKNOWLEDGMENT, Acknowledgment.class);
            if (ack == null) {
                throw new IllegalStateException("No acknowledgment in the batch: is ack-mode MANUAL set for "
                        + BINDING + "?");
            }
            loop.submitPolled(polled(message), ack,
                    message.getHeaders().get(KafkaHeaders.CONSUMER, org.apache.kafka.clients.consumer.Consumer.class));
        };
    }

    @SuppressWarnings("unchecked")
    static List<ConsumerRecord<?, ?>> polled(Message<?> message) {
        Object raw = message.getHeaders().get(KafkaHeaders.RAW_DATA);
        if (!(raw instanceof List<?> list)) {
            throw new IllegalStateException("No raw records in the batch (header " + KafkaHeaders.RAW_DATA
                    + "): is converter-bean-name viewBatchConverter set for " + BINDING + "?");
        }
        return (List<ConsumerRecord<?, ?>>) list;
    }

    /**
     * Before partitions move, everything counted is written and acknowledged, so the container commits it first.
     * Cached partition state is only valid while the partition stays with this consumer.
     */
    @Bean
    KafkaBindingRebalanceListener viewsRebalanceListener(CountingPipeline pipeline, CountingLoop loop) {
        return new KafkaBindingRebalanceListener() {
            @Override
            public void onPartitionsRevokedBeforeCommit(String bindingName,
                    org.apache.kafka.clients.consumer.Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                if (BINDING.equals(bindingName)) {
                    loop.drain(partitions);
                }
            }

            @Override
            public void onPartitionsRevokedAfterCommit(String bindingName,
                    org.apache.kafka.clients.consumer.Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                forget(pipeline, partitions);
            }

            @Override
            public void onPartitionsAssigned(String bindingName,
                    org.apache.kafka.clients.consumer.Consumer<?, ?> consumer, Collection<TopicPartition> partitions,
                    boolean initial) {
                forget(pipeline, partitions);
            }
        };
    }

    private static void forget(CountingPipeline pipeline, Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            pipeline.forget(tp.topic(), List.of(tp.partition()));
        }
    }

    /**
     * A batch the counting thread cannot take (it is far behind: MongoDB unavailable) is polled again, with growing
     * pauses, until it is taken: skipping it would lose views. Bad records never fail a batch; they go to the
     * dead-letter topic.
     */
    @Bean
    ListenerContainerCustomizer<AbstractMessageListenerContainer<?, ?>> viewsContainer(
            @Value("${spring.cloud.stream.bindings.articleViewed-in-0.destination:" + Topics.ARTICLE_VIEWED + "}")
            String viewsTopic) {
        return (container, destination, group) -> {
            if (viewsTopic.equals(destination)) {
                container.setCommonErrorHandler(new DefaultErrorHandler(CountingLoop.retryBackOff()));
            }
            // Short polls: the container commits the counting thread's acknowledgements between polls, and with
            // group.protocol=consumer our tests saw polls run to their timeout even when records had arrived.
            container.getContainerProperties().setPollTimeout(100);
        };
    }
}
