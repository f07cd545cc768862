package newsroom.portal.backend;

import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.springframework.cloud.client.circuitbreaker.CircuitBreaker;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

/**
 * One downstream service as the reader pages use it: a {@link RestClient} (with connect and read timeouts) behind a
 * Resilience4j circuit breaker. A 4xx answer is the caller's business (the breaker ignores it, see
 * {@link BackendConfiguration}); everything else that goes wrong becomes a {@link ServiceUnavailableException}, and
 * enough of those open the breaker, so that a dead service costs pages nothing but a fast fallback.
 */
public final class Backend {

    private final String name;
    private final RestClient client;
    private final CircuitBreaker breaker;

    public Backend(String name, RestClient client, CircuitBreaker breaker) {
        this.name = name;
        this.client = client;
        this.breaker = breaker;
    }

    public String name() {
        return name;
    }

    public RestClient client() {
        return client;
    }

    /** Runs the call through the breaker. */
    public <T> T call(Supplier<T> call) {
        return breaker.run(call, failure -> {
            Throwable cause = unwrap(failure);
            if (cause instanceof HttpClientErrorException clientError) {
                throw clientError;
            }
            throw new ServiceUnavailableException(name, cause);
        });
    }

    /** GET a JSON document; empty when the service says 404. */
    public <T> Optional<T> get(Class<T> type, String uri, Object... variables) {
        return call(() -> {
            try {
                return Optional.ofNullable(client.get().uri(uri, variables).retrieve().body(type));
            } catch (HttpClientErrorException e) {
                if (e.getStatusCode().value() == HttpStatus.NOT_FOUND.value()) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof ExecutionException || t instanceof CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
