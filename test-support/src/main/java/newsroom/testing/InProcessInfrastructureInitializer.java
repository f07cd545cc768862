package newsroom.testing;

import java.util.HashMap;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a Spring context at the in-process broker and a fresh in-process Mongo database, before any bean is made.
 */
public class InProcessInfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String service = context.getEnvironment().getProperty("spring.application.name", "test");
        Map<String, Object> properties = new HashMap<>();
        String brokers = InProcessInfrastructure.kafkaBootstrapServers();
        properties.put("spring.cloud.stream.kafka.binder.brokers", brokers);
        properties.put("spring.kafka.bootstrap-servers", brokers);
        properties.put("spring.mongodb.uri", InProcessInfrastructure.freshMongoUri(service));
        // The in-process broker logs like a production broker; tests need its warnings only.
        properties.put("logging.level.kafka", "WARN");
        properties.put("logging.level.org.apache.kafka", "WARN");
        properties.put("logging.level.state.change.logger", "WARN");
        context.getEnvironment().getPropertySources()
                .addFirst(new MapPropertySource("in-process-infrastructure", properties));
        InProcessInfrastructure.closeBeforeShutdown(context);
    }
}
