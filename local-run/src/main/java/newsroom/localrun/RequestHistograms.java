package newsroom.localrun;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.network.metrics.RequestMetrics;
import org.apache.kafka.server.metrics.KafkaMetricsGroup;

/**
 * The broker's per-request histograms (request queue, local, remote, throttle, response queue, send and total time,
 * request size; for produce and fetch also conversion time and temporary memory), registered before the broker starts
 * with uniform samples instead of the exponentially decaying ones Kafka asks for.
 *
 * <p>The broker updates eight to ten of these for every request it answers (a consumer's fetch twice over, as
 * {@code Fetch} and {@code FetchConsumer}), and an exponentially decaying sample is a lock, an {@code exp}, a random
 * draw and a skip-list insert and removal per update: 7.6 % of the local run's launcher CPU while publishing (JFR,
 * bench/publish.sh), more than the broker's whole handling of fetches. A uniform sample is an array write. Kafka asks
 * the shared Yammer registry for each histogram by name and takes the one already registered under it, so the broker
 * records the same values in the same JMX names; only the percentiles change, from the last few minutes' to the whole
 * run's (count, min, max, mean and deviation are exact either way). Nothing of the local run reads them.
 *
 * <p>Registered again at every start: a stopping broker removes its request metrics from the registry.
 */
final class RequestHistograms {

    /** Kafka's names for the histograms every request type has ({@code RequestMetrics}' private constants). */
    private static final List<String> EVERY_REQUEST = List.of("RequestQueueTimeMs", "LocalTimeMs", "RemoteTimeMs",
            "ThrottleTimeMs", "ResponseQueueTimeMs", "ResponseSendTimeMs", "TotalTimeMs", "RequestBytes");
    /** And those only {@code Produce} and {@code Fetch} have. */
    private static final List<String> PRODUCE_AND_FETCH = List.of(RequestMetrics.MESSAGE_CONVERSIONS_TIME_MS,
            RequestMetrics.TEMPORARY_MEMORY_BYTES);

    private RequestHistograms() {
    }

    /** Registers, in the broker's registry, uniform histograms under the names its request metrics will ask for. */
    static void registerUniform() {
        // The metrics group RequestMetrics names its histograms in ("kafka.network:type=RequestMetrics,...").
        KafkaMetricsGroup group = new KafkaMetricsGroup("kafka.network", "RequestMetrics");
        for (String request : requestNames()) {
            Map<String, String> tags = Map.of("request", request);
            for (String histogram : EVERY_REQUEST) {
                group.newHistogram(histogram, false, tags);
            }
            if (request.equals(ApiKeys.PRODUCE.name) || request.equals(ApiKeys.FETCH.name)) {
                for (String histogram : PRODUCE_AND_FETCH) {
                    group.newHistogram(histogram, false, tags);
                }
            }
        }
    }

    /** Every name the broker's request channels keep metrics under (RequestChannelMetrics). */
    private static List<String> requestNames() {
        List<String> names = new ArrayList<>();
        for (ApiKeys api : ApiKeys.values()) {
            names.add(api.name);
        }
        names.addAll(List.of(RequestMetrics.CONSUMER_FETCH_METRIC_NAME, RequestMetrics.FOLLOW_FETCH_METRIC_NAME,
                RequestMetrics.VERIFY_PARTITIONS_IN_TXN_METRIC_NAME,
                RequestMetrics.LIST_CLIENT_METRICS_RESOURCES_METRIC_NAME));
        return names;
    }
}
