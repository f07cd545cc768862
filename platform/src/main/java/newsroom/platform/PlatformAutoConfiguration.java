package newsroom.platform;

import newsroom.platform.events.CloudEventPublisher;
import newsroom.platform.events.CloudEventReader;
import newsroom.platform.events.DeadLetterCounter;
import newsroom.platform.mongo.MongoPingHealthIndicator;
import newsroom.platform.mongo.SequenceGenerator;
import newsroom.platform.web.ProblemDetailsAdvice;
import newsroom.platform.web.RequestSizeLimitFilter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.cloud.stream.binder.kafka.utils.DlqPartitionFunction;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.messaging.MessageChannel;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/** The pieces every Newsroom service uses the same way. */
@AutoConfiguration
public class PlatformAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ProblemDetailsAdvice problemDetailsAdvice() {
        return new ProblemDetailsAdvice();
    }

    @Bean
    FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(
            @Value("${newsroom.http.max-request-size:1MB}") DataSize maxRequestSize,
            @Value("${spring.servlet.multipart.max-request-size:10MB}") DataSize maxMultipartSize) {
        FilterRegistrationBean<RequestSizeLimitFilter> registration = new FilterRegistrationBean<>(
                new RequestSizeLimitFilter(maxRequestSize.toBytes(), maxMultipartSize.toBytes()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /** Shows as "mongo" in health, in place of Boot's indicator (switched off in each service's configuration). */
    @Bean
    MongoPingHealthIndicator mongoHealthIndicator(MongoTemplate mongo) {
        return new MongoPingHealthIndicator(mongo);
    }

    @Bean
    SequenceGenerator sequenceGenerator(MongoTemplate mongo) {
        return new SequenceGenerator(mongo);
    }

    @Bean
    CloudEventPublisher cloudEventPublisher(StreamBridge bridge,
            @Value("${spring.application.name}") String serviceName, BeanFactory beans,
            @Value("${spring.cloud.stream.output-bindings:}") String outputBindings) {
        // A declared output binding's channel is a bean of the binding's name.
        Set<String> declared = Stream.of(outputBindings.split(";")).map(String::strip)
                .filter(name -> !name.isEmpty()).collect(Collectors.toUnmodifiableSet());
        Map<String, MessageChannel> channels = new ConcurrentHashMap<>();
        return new CloudEventPublisher(bridge, serviceName, name -> declared.contains(name)
                ? channels.computeIfAbsent(name, declaredName -> beans.getBean(declaredName, MessageChannel.class))
                : null);
    }

    @Bean
    CloudEventReader cloudEventReader(JsonMapper json) {
        return new CloudEventReader(json);
    }

    /** Every consumer's dead letters counted alike: {@code newsroom.dlq.records{topic, group}}. */
    @Bean
    @ConditionalOnMissingBean
    DlqPartitionFunction countingDlqPartitionFunction(MeterRegistry meters) {
        return DeadLetterCounter.partitionFunction(meters);
    }
}
