package newsroom.article.outbox;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import newsroom.platform.events.CloudEventPublisher;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Primary;
import org.springframework.messaging.MessageChannel;
import org.springframework.stereotype.Component;

/**
 * article-service's CloudEvent publisher: an already serialised event for an output binding declared at start-up
 * ({@code spring.cloud.stream.output-bindings}: {@code article-lifecycle}'s, which the outbox sends to) goes straight
 * to that binding's channel — the binder's producer with the binding's settings ({@code sync}, {@code acks},
 * idempotence), its channel observation and header mapping, as before; everything else goes through
 * {@link StreamBridge} as the platform's publisher does.
 *
 * <p>Why: {@link StreamBridge} hands every message to a pass-through function first, under one lock shared by all
 * senders — parsing the JSON payload to see whether it is a collection, converting it by content type (a
 * {@code byte[]} stays as it is), observing the function — about a third of the outbox relay's send (JFR,
 * bench/publish/README.md), and the relay's threads waited for each other on that lock. A payload of another type
 * still needs that conversion, so {@link #send} is not redirected.
 */
@Component
@Primary
class DirectBindingPublisher extends CloudEventPublisher {

    private final BeanFactory beans;
    private final Set<String> declared;
    private final Map<String, MessageChannel> channels = new ConcurrentHashMap<>();

    DirectBindingPublisher(StreamBridge bridge, @Value("${spring.application.name}") String serviceName,
            BeanFactory beans, @Value("${spring.cloud.stream.output-bindings:}") String outputBindings) {
        super(bridge, serviceName);
        this.beans = beans;
        // A declared output binding's channel is a bean of the binding's name.
        this.declared = Stream.of(outputBindings.split(";")).map(String::strip).filter(name -> !name.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public boolean sendJson(String bindingName, String key, String eventId, Instant time, String type, byte[] json) {
        if (!declared.contains(bindingName)) {
            return super.sendJson(bindingName, key, eventId, time, type, json);
        }
        MessageChannel channel = channels.computeIfAbsent(bindingName,
                name -> beans.getBean(name, MessageChannel.class));
        return channel.send(toMessage(key, eventId, time, type, json));
    }
}
