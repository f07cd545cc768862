package newsroom.stats.counting;

import java.lang.reflect.Type;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.converter.BatchMessageConverter;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Hands a poll's ConsumerRecords to the function as they are (payload and header {@code kafka_data}), with the
 * acknowledgment and the consumer. Spring Kafka's {@code BatchMessagingMessageConverter} also builds, for every
 * record, lists of keys, topics, partitions, offsets, timestamps and converted payloads, none of which counting
 * reads: it reads the records themselves ({@link ViewRecord#of}).
 */
final class RawBatchConverter implements BatchMessageConverter {

    @Override
    public Message<?> toMessage(List<ConsumerRecord<?, ?>> records, Acknowledgment acknowledgment,
            Consumer<?, ?> consumer, Type payloadType) {
        return MessageBuilder.withPayload(records)
                .setHeader(KafkaHeaders.RAW_DATA, records)
                .setHeader(KafkaHeaders.ACKNOWLEDGMENT, acknowledgment)
                .setHeader(KafkaHeaders.CONSUMER, consumer)
                .build();
    }

    @Override
    public List<ProducerRecord<?, ?>> fromMessage(Message<?> message, String defaultTopic) {
        throw new UnsupportedOperationException("Only for consuming article-viewed");
    }
}
