package newsroom.portal.changes;

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
 * Hands a poll's ConsumerRecords to a batch function as they are (header {@code kafka_data}), instead of Spring Kafka's
 * converter mapping every record's headers and building lists per record. (The services share one of these in their
 * platform module, which the portal does not depend on.)
 */
final class RawRecords implements BatchMessageConverter {

    @Override
    public Message<?> toMessage(List<ConsumerRecord<?, ?>> records, Acknowledgment acknowledgment,
            Consumer<?, ?> consumer, Type payloadType) {
        return MessageBuilder.withPayload(records).setHeader(KafkaHeaders.RAW_DATA, records).build();
    }

    /** The records of a poll, from what {@link #toMessage} made. */
    @SuppressWarnings("unchecked")
    static List<ConsumerRecord<?, ?>> of(Message<?> message) {
        Object raw = message.getHeaders().get(KafkaHeaders.RAW_DATA);
        if (!(raw instanceof List<?> records)) {
            throw new IllegalStateException("No raw records in the batch (header " + KafkaHeaders.RAW_DATA
                    + "): is converter-bean-name lifecycleRecordsConverter set for the binding?");
        }
        return (List<ConsumerRecord<?, ?>>) records;
    }

    @Override
    public List<ProducerRecord<?, ?>> fromMessage(Message<?> message, String defaultTopic) {
        throw new UnsupportedOperationException("Only for consuming");
    }
}
