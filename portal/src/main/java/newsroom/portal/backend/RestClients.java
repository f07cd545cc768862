package newsroom.portal.backend;

import io.micrometer.observation.ObservationRegistry;
import java.net.http.HttpClient;
import java.time.Duration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * RestClients for the services, all alike: the shared JDK HttpClient (HTTP/1.1, connect timeout, no redirects), a
 * read timeout, and a lenient JSON reader. The services are being extended while the portal runs against them, so
 * the portal reads what it knows and ignores the rest: unknown fields are skipped and a missing number or flag is
 * 0 or false rather than an error (Jackson 3 refuses both by default).
 */
public final class RestClients {

    static final JsonMapper LENIENT = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private RestClients() {
    }

    /**
     * @param observations when given, every call is observed (http.client.requests metrics) and carries the
     *                     current trace (W3C traceparent)
     */
    public static RestClient.Builder builder(String baseUrl, HttpClient http, Duration readTimeout,
            ObservationRegistry observations) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(readTimeout);
        RestClient.Builder builder = RestClient.builder().baseUrl(baseUrl).requestFactory(requests)
                .configureMessageConverters(converters -> converters.registerDefaults()
                        .withJsonConverter(new JacksonJsonHttpMessageConverter(LENIENT)));
        if (observations != null) {
            builder.observationRegistry(observations);
        }
        return builder;
    }
}
