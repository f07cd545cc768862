package newsroom.platform.events;

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
 * Hands a poll's ConsumerRecords to a batch function as they are (header {@code kafka_data}); a service declares it
 * as a bean and names it in the binding's {@code converter-bean-name}. Spring Kafka's
 * {@code BatchMessagingMessageConverter} would also map every record's headers and build lists of keys, topics,
 * partitions, offsets and payloads per record, none of which a function that reads the records needs
 * ({@link CloudEventReader#read(ConsumerRecord)}).
 */
public final class RawRecords implements BatchMessageConverter {

    @Override
    public Message<?> toMessage(List<ConsumerRecord<?, ?>> records, Acknowledgment acknowledgment,
            Consumer<?, ?> consumer, Type payloadType) {
        return MessageBuilder.withPayload(records).setHeader(KafkaHeaders.RAW_DATA, records).build();
    }

    /** The records of a poll, from what {@link #toMessage} made. */
    @SuppressWarnings("unchecked")
    public static List<ConsumerRecord<?, ?>> of(Message<?> message) {
        Object raw = message.getHeaders().get(KafkaHeaders.RAW_DATA);
        if (!(raw instanceof List<?> records)) {
            throw new IllegalStateException("No raw records in the batch (header " + KafkaHeaders.RAW_DATA
                    + "): is a RawRecords bean named in the binding's converter-bean-name?");
        }
        return (List<ConsumerRecord<?, ?>>) records;
    }

    @Override
    public List<ProducerRecord<?, ?>> fromMessage(Message<?> message, String defaultTopic) {
        throw new UnsupportedOperationException("Only for consuming");
    }
}
