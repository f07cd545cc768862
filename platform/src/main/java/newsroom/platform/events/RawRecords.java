package newsroom.platform.events;

import io.micrometer.observation.ObservationPredicate;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.cloud.function.observability.FunctionContext;
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

    /**
     * An observation predicate (declared as a bean) that turns off the {@code spring.cloud.function} observation, a
     * span and a timer, around each call of the named batch functions, and no other. Such a span has no parent (batch
     * mode does not continue the records' trace contexts), and a poll while articles are published one by one holds one
     * or two events, so the observation cost about as much as the poll's own work (JFR, bench/publish.sh).
     */
    public static ObservationPredicate unobservedFunctions(Set<String> functionDefinitions) {
        return (name, context) -> !(context instanceof FunctionContext function
                && function.getTargetFunction() != null
                && functionDefinitions.contains(function.getTargetFunction().getFunctionDefinition()));
    }

    @Override
    public List<ProducerRecord<?, ?>> fromMessage(Message<?> message, String defaultTopic) {
        throw new UnsupportedOperationException("Only for consuming");
    }
}
