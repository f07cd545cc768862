package newsroom.portal.backend;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.micrometer.observation.ObservationRegistry;
import java.net.http.HttpClient;
import java.time.Duration;
import newsroom.portal.PortalProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

/**
 * The three downstream services, each a {@link Backend}: its own RestClient (JDK HttpClient, HTTP/1.1, connect and
 * read timeouts from {@code portal.services.*}) and its own circuit breaker named after it.
 *
 * <p>The breakers run the call on the request thread (no thread pool, no time limiter: see application.yml): the
 * HTTP timeouts already bound every call, and staying on the request's thread keeps logging context and avoids a
 * second pool to size. A breaker opens when half of the last 20 calls (at least 10) failed, stays open 10 s, then
 * lets 3 trial calls through. 4xx answers are ignored: a missing article is not a sick service.
 */
@Configuration(proxyBeanMethods = false)
public class BackendConfiguration {

    public static final String ARTICLE_SERVICE = "article-service";
    public static final String CATEGORY_SERVICE = "category-service";
    public static final String STATS_SERVICE = "stats-service";

    @Bean
    Customizer<Resilience4JCircuitBreakerFactory> circuitBreakerDefaults(PortalProperties properties) {
        Duration callBound = properties.getServices().getConnectTimeout()
                .plus(properties.getServices().getReadTimeout()).plusSeconds(1);
        return factory -> factory.configureDefault(id -> new Resilience4JConfigBuilder(id)
                .circuitBreakerConfig(CircuitBreakerConfig.custom()
                        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                        .slidingWindowSize(20)
                        .minimumNumberOfCalls(10)
                        .failureRateThreshold(50)
                        .waitDurationInOpenState(Duration.ofSeconds(10))
                        .permittedNumberOfCallsInHalfOpenState(3)
                        .automaticTransitionFromOpenToHalfOpenEnabled(false)
                        .ignoreExceptions(HttpClientErrorException.class)
                        .build())
                // Only used if the time limiter is switched back on; the HTTP timeouts are the real bound.
                .timeLimiterConfig(TimeLimiterConfig.custom().timeoutDuration(callBound).build())
                .build());
    }

    @Bean
    HttpClient backendHttpClient(PortalProperties properties) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.getServices().getConnectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Bean
    Backend articleBackend(PortalProperties properties, HttpClient http, CircuitBreakerFactory<?, ?> breakers,
            ObjectProvider<ObservationRegistry> observations) {
        return new Backend(ARTICLE_SERVICE, client(properties.getServices().getArticleUrl(), http, properties,
                observations), breakers.create(ARTICLE_SERVICE));
    }

    @Bean
    Backend categoryBackend(PortalProperties properties, HttpClient http, CircuitBreakerFactory<?, ?> breakers,
            ObjectProvider<ObservationRegistry> observations) {
        return new Backend(CATEGORY_SERVICE, client(properties.getServices().getCategoryUrl(), http, properties,
                observations), breakers.create(CATEGORY_SERVICE));
    }

    @Bean
    Backend statsBackend(PortalProperties properties, HttpClient http, CircuitBreakerFactory<?, ?> breakers,
            ObjectProvider<ObservationRegistry> observations) {
        return new Backend(STATS_SERVICE, client(properties.getServices().getStatsUrl(), http, properties,
                observations), breakers.create(STATS_SERVICE));
    }

    static RestClient client(String baseUrl, HttpClient http, PortalProperties properties,
            ObjectProvider<ObservationRegistry> observations) {
        return RestClients.builder(baseUrl, http, properties.getServices().getReadTimeout(),
                observations.getIfAvailable()).build();
    }
}
