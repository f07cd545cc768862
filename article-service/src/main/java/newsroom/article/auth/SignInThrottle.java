package newsroom.article.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * Slows password guessing at the token endpoint: a token bucket per account and one per client address (bucket4j).
 * Every attempt takes a token from both before the password is looked at; a successful sign-in gives them back, so
 * only failures count. An empty bucket means 429 without any hash being computed.
 *
 * <p>The buckets live in this replica's memory (a bounded Caffeine cache forgetting quiet keys): with N replicas an
 * attacker gets up to N times the rate, still a trickle instead of CPU speed.
 */
class SignInThrottle {

    private final Cache<String, Bucket> buckets =
            Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(30)).build();
    private final Bandwidth perAccount;
    private final Bandwidth perAddress;

    SignInThrottle(AuthProperties.Throttle settings) {
        this.perAccount = Bandwidth.builder().capacity(settings.getAccountBurst())
                .refillGreedy(settings.getAccountPerMinute(), Duration.ofMinutes(1)).build();
        this.perAddress = Bandwidth.builder().capacity(settings.getAddressBurst())
                .refillGreedy(settings.getAddressPerMinute(), Duration.ofMinutes(1)).build();
    }

    /**
     * Takes one attempt from the account's and the address's allowance.
     *
     * @return empty if the attempt may go ahead, else how many seconds to wait (for Retry-After)
     */
    OptionalLong attempt(String username, String address) {
        Bucket account = bucket("account:" + username, perAccount);
        Bucket client = bucket("address:" + address, perAddress);
        ConsumptionProbe byAccount = account.tryConsumeAndReturnRemaining(1);
        ConsumptionProbe byAddress = client.tryConsumeAndReturnRemaining(1);
        if (byAccount.isConsumed() && byAddress.isConsumed()) {
            return OptionalLong.empty();
        }
        // Give back what this refused attempt took from the other bucket: it was not tried.
        if (byAccount.isConsumed()) {
            account.addTokens(1);
        }
        if (byAddress.isConsumed()) {
            client.addTokens(1);
        }
        long nanos = Math.max(byAccount.getNanosToWaitForRefill(), byAddress.getNanosToWaitForRefill());
        return OptionalLong.of(Math.max(1, Duration.ofNanos(nanos).toSeconds() + 1));
    }

    /** A successful sign-in: the attempt it took does not count against anyone. */
    void succeeded(String username, String address) {
        bucket("account:" + username, perAccount).addTokens(1);
        bucket("address:" + address, perAddress).addTokens(1);
    }

    private Bucket bucket(String key, Bandwidth limit) {
        return buckets.get(key, k -> Bucket.builder().addLimit(limit).build());
    }
}
