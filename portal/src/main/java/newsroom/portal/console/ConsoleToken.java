package newsroom.portal.console;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/**
 * The access token a console session calls the services with, in the server-side session only. It is replaced in
 * place when the session renews it ({@link ConsoleTokenRenewal}), so every holder of the {@link ConsoleUser} sees the
 * current one.
 */
public final class ConsoleToken implements Serializable {

    /** A token this close to its expiry is treated as expired: a call made with it could arrive too late. */
    static final Duration MARGIN = Duration.ofSeconds(10);

    private volatile String value;
    private volatile Instant issuedAt;
    private volatile Instant expiresAt;

    ConsoleToken(String value, Instant issuedAt, Instant expiresAt) {
        replace(value, issuedAt, expiresAt);
    }

    synchronized void replace(String value, Instant issuedAt, Instant expiresAt) {
        this.value = value;
        this.issuedAt = issuedAt;
        this.expiresAt = expiresAt;
    }

    String authorization() {
        return "Bearer " + value;
    }

    boolean expired(Instant now) {
        return !now.isBefore(expiresAt.minus(MARGIN));
    }

    /** Past half its lifetime: time to exchange it for a fresh one, while it is still valid. */
    boolean dueForRenewal(Instant now) {
        Duration lifetime = Duration.between(issuedAt, expiresAt);
        return now.isAfter(issuedAt.plus(lifetime.dividedBy(2)));
    }

    @Override
    public String toString() {
        return "ConsoleToken[expires " + expiresAt + "]";
    }
}
