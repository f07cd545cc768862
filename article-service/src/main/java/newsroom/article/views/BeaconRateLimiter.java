package newsroom.article.views;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Limits how many views one visitor can report: a token bucket per visitor key (bucket4j), so a reader clicking
 * through articles is never limited but a script hammering the beacon is cut off after a short burst. Views over
 * the limit get no event at all, and are counted as {@code newsroom.views.dropped{reason=rate_limited}}.
 * <p>
 * The buckets live in this replica's memory (a bounded Caffeine cache that forgets idle visitors): with N replicas
 * behind a load balancer a visitor may get up to N times the limit, which is still a flood cut down to a trickle.
 * stats-service's refresh rule (one view per visitor and article in 30 minutes) decides what finally counts.
 */
@Component
class BeaconRateLimiter {

    private final Cache<String, Bucket> buckets;
    private final Bandwidth limit;
    private final Counter limited;

    BeaconRateLimiter(MeterRegistry meters,
            @Value("${newsroom.beacon.burst:20}") int burst,
            @Value("${newsroom.beacon.per-minute:60}") int perMinute) {
        this.limit = Bandwidth.builder().capacity(burst).refillGreedy(perMinute, Duration.ofMinutes(1)).build();
        this.buckets = Caffeine.newBuilder().maximumSize(200_000).expireAfterAccess(Duration.ofMinutes(10)).build();
        this.limited = Counter.builder("newsroom.views.dropped").tag("reason", "rate_limited")
                .description("Views not counted, by reason").register(meters);
    }

    /** Takes one token from the visitor's bucket; false (and counted) when the visitor is over the limit. */
    boolean tryAcquire(String visitorKey) {
        boolean allowed = buckets.get(visitorKey, key -> Bucket.builder().addLimit(limit).build()).tryConsume(1);
        if (!allowed) {
            limited.increment();
        }
        return allowed;
    }
}
