package newsroom.stats.deadletter;

import java.time.Clock;
import newsroom.stats.StatsProperties;
import newsroom.stats.articles.KnownArticles;
import newsroom.stats.counting.ViewMetrics;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Dead letters and parked views, on the binder's brokers and partition count. */
@Configuration
class DeadLetterConfiguration {

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
}
