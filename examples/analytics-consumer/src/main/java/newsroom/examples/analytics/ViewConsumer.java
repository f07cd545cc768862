package newsroom.examples.analytics;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import newsroom.contracts.ArticleViewed;
import newsroom.contracts.CloudEventHeaders;
import newsroom.contracts.EventSchemas;
import newsroom.contracts.EventTypes;
import newsroom.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads {@code article-viewed} in its own consumer group and feeds a {@link ViewAggregator}; every
 * {@code reportEvery} it prints the table. One thread: {@link #run()} polls until {@link #close()} is called (from
 * any thread).
 *
 * <p>What it does with a record, in order:
 * <ol>
 *   <li>{@code ce_type} header missing, or not {@code newsroom.article.viewed.v1} (e.g. a future v2): skipped;</li>
 *   <li>payload does not match the v1 schema ({@link EventSchemas}): counted as invalid, logged, skipped;</li>
 *   <li>otherwise parsed into the contracts record {@link ArticleViewed} (unknown fields ignored) and counted.</li>
 * </ol>
 * Offsets are committed automatically; the counts live in memory only, so a restart begins from the committed
 * offsets with empty counts. A real job would store its aggregates and offsets together.
 */
public class ViewConsumer implements Runnable, AutoCloseable {

    /** What happened to the records read so far. */
    public record Counters(long records, long counted, long duplicates, long skipped, long invalid) {
    }

    private static final Logger log = LoggerFactory.getLogger(ViewConsumer.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final ViewAggregator aggregator;
    private final PrintStream out;
    private final Duration reportEvery;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    private final AtomicLong records = new AtomicLong();
    private final AtomicLong counted = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong invalid = new AtomicLong();
    private volatile boolean closed;

    public ViewConsumer(String bootstrapServers, String groupId, ViewAggregator aggregator, PrintStream out,
            Duration reportEvery) {
        this.aggregator = aggregator;
        this.out = out;
        this.reportEvery = reportEvery;
        this.clock = Clock.systemUTC();
        this.consumer = new KafkaConsumer<>(consumerProperties(bootstrapServers, groupId));
    }

    static Properties consumerProperties(String bootstrapServers, String groupId) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        // Our own group: every record of the topic comes to us, whatever the services' groups do.
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId + "-" + ProcessHandle.current().pid());
        // A new group starts with what the topic still holds (7 days of views).
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return props;
    }

    @Override
    public void run() {
        Instant nextReport = clock.instant().plus(reportEvery);
        try {
            consumer.subscribe(List.of(Topics.ARTICLE_VIEWED));
            while (!closed) {
                ConsumerRecords<String, byte[]> batch = consumer.poll(Duration.ofMillis(500));
                batch.forEach(this::handle);
                if (!clock.instant().isBefore(nextReport)) {
                    report();
                    nextReport = clock.instant().plus(reportEvery);
                }
            }
        } catch (WakeupException e) {
            if (!closed) {
                throw e;
            }
        } finally {
            report();
            consumer.close(Duration.ofSeconds(5));
        }
    }

    void handle(ConsumerRecord<String, byte[]> record) {
        records.incrementAndGet();
        String type = header(record, CloudEventHeaders.TYPE);
        if (!EventTypes.ARTICLE_VIEWED.equals(type)) {
            // Another type, e.g. a newer version published beside v1: not ours to read, and not an error.
            skipped.incrementAndGet();
            log.debug("Skipped {} at {}-{}@{}", type, record.topic(), record.partition(), record.offset());
            return;
        }
        List<String> violations = EventSchemas.validate(type, record.value());
        if (!violations.isEmpty()) {
            invalid.incrementAndGet();
            log.warn("Invalid {} at {}-{}@{}: {}", type, record.topic(), record.partition(), record.offset(),
                    violations);
            return;
        }
        try {
            ArticleViewed view = json.readValue(record.value(), ArticleViewed.class);
            if (aggregator.add(view)) {
                counted.incrementAndGet();
            }
        } catch (JacksonException e) {
            invalid.incrementAndGet();
            log.warn("Unreadable {} at {}-{}@{}: {}", type, record.topic(), record.partition(), record.offset(),
                    e.getOriginalMessage());
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    public Counters counters() {
        return new Counters(records.get(), counted.get(), aggregator.duplicates(), skipped.get(), invalid.get());
    }

    public void report() {
        out.print(ViewTable.render(aggregator.snapshot(), counters()));
        out.flush();
    }

    /** Stops {@link #run()}; it prints a last table and closes the consumer (leaving the group at once). */
    @Override
    public void close() {
        closed = true;
        consumer.wakeup();
    }
}
