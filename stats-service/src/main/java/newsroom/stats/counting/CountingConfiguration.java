package newsroom.stats.counting;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import newsroom.contracts.Topics;
import newsroom.stats.StatsProperties;
import newsroom.stats.intake.CountingLoop;
import newsroom.stats.store.CounterStore;
import newsroom.stats.tally.BotDetector;
import newsroom.stats.tally.ViewDecoder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Wires counting: the steps of one batch ({@link ViewCounting}) and the loop that drives them beside the consumer. */
@Configuration
class CountingConfiguration {

    @Bean
    BotDetector botDetector() {
        return new BotDetector();
    }

    @Bean
    ViewDecoder viewDecoder() {
        return new ViewDecoder();
    }

    /** Dead letters are tagged with the views topic, the first destination of the binding (the retry topic follows). */
    @Bean
    ViewMetrics viewMetrics(MeterRegistry registry,
            @Value("${spring.cloud.stream.bindings.articleViewed-in-0.destination:" + Topics.ARTICLE_VIEWED + "}")
            String destinations,
            @Value("${spring.cloud.stream.bindings.articleViewed-in-0.group:stats-service}") String group) {
        return new ViewMetrics(registry, destinations.split(",")[0].trim(), group);
    }

    @Bean
    CounterStore counterStore(MongoTemplate mongo) {
        return new CounterStore(mongo);
    }

    @Bean
    ViewCounting viewCounting(ViewDecoder decoder, BotDetector bots, ViewGate gate, CounterStore store,
            ViewMetrics metrics, Clock clock, StatsProperties properties, MeterRegistry registry) {
        ViewCounting counting = new ViewCounting(decoder, bots, gate, store, metrics, clock, properties);
        Gauge.builder("newsroom.views.unwritten", counting, ViewCounting::unwrittenViews)
                .description("Views counted in memory and not written to MongoDB yet (their offsets are not committed)")
                .register(registry);
        return counting;
    }

    @Bean
    CountingLoop<SortedBatch, ViewCounting.Flush> countingLoop(ViewCounting counting, StatsProperties properties) {
        return new CountingLoop<>(counting, properties);
    }
}
