package newsroom.stats.intake;

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

    /** One poll as the function receives it: the records, their acknowledgment and the consumer that polled them. */
    record Poll(List<ConsumerRecord<?, ?>> records, Acknowledgment ack, Consumer<?, ?> consumer) {
    }

    /** Takes apart what {@link #toMessage} made; {@code binding} names the binding in what it throws. */
    @SuppressWarnings("unchecked")
    static Poll poll(Message<?> message, String binding) {
        Object raw = message.getHeaders().get(KafkaHeaders.RAW_DATA);
        if (!(raw instanceof List<?> records)) {
            throw new IllegalStateException("No raw records in the batch (header " + KafkaHeaders.RAW_DATA
                    + "): is converter-bean-name viewBatchConverter set for " + binding + "?");
        }
        Acknowledgment ack = message.getHeaders().get(KafkaHeaders.ACKNOWLEDGMENT, Acknowledgment.class);
        if (ack == null) {
            throw new IllegalStateException("No acknowledgment in the batch: is ack-mode MANUAL set for " + binding
                    + "?");
        }
        return new Poll((List<ConsumerRecord<?, ?>>) records, ack,
                message.getHeaders().get(KafkaHeaders.CONSUMER, Consumer.class));
    }

    @Override
    public List<ProducerRecord<?, ?>> fromMessage(Message<?> message, String defaultTopic) {
        throw new UnsupportedOperationException("Only for consuming article-viewed");
    }
}
