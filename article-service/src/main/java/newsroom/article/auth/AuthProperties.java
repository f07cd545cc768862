package newsroom.article.auth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code newsroom.auth.*}: the access tokens article-service issues to local accounts at {@code POST /api/auth/token}.
 * Issuer and audience are the platform's ({@code newsroom.security.tokens.*}), shared by every service that checks
 * the tokens.
 */
@ConfigurationProperties("newsroom.auth")
public class AuthProperties {

    /** How long a token is valid. Sign-in costs one BCrypt check; every request after it only a signature check. */
    private Duration tokenLifetime = Duration.ofMinutes(30);

    /**
     * The RSA private key that signs tokens (PKCS#8 PEM, as {@code openssl genpkey -algorithm RSA} writes it): the
     * PEM text itself, or a location such as {@code file:/run/secrets/token-signing-key.pem}. Production sets this.
     */
    private String signingKey = "";

    /**
     * A key that no longer signs but is still published in the JWK Set, so tokens it signed stay valid until they
     * expire (key rotation: see deploy/README.md). Same forms as {@link #signingKey}.
     */
    private String previousSigningKey = "";

    /**
     * When no signing key is configured: a file holding one, generated on first start (the local run keeps it under
     * {@code data/}, so tokens survive a restart). Blank too: a key in memory only, with a warning.
     */
    private String keyFile = "";

    private final Throttle failures = new Throttle();

    /**
     * Failed sign-ins allowed per account and per client address: a burst, then a steady rate (bucket4j). Over it the
     * token endpoint answers 429 without looking at the password, so guessing runs at this rate, not at CPU speed.
     */
    public static class Throttle {
        private int accountBurst = 5;
        private int accountPerMinute = 5;
        private int addressBurst = 20;
        private int addressPerMinute = 20;

        public int getAccountBurst() { return accountBurst; }
        public void setAccountBurst(int accountBurst) { this.accountBurst = accountBurst; }
        public int getAccountPerMinute() { return accountPerMinute; }
        public void setAccountPerMinute(int accountPerMinute) { this.accountPerMinute = accountPerMinute; }
        public int getAddressBurst() { return addressBurst; }
        public void setAddressBurst(int addressBurst) { this.addressBurst = addressBurst; }
        public int getAddressPerMinute() { return addressPerMinute; }
        public void setAddressPerMinute(int addressPerMinute) { this.addressPerMinute = addressPerMinute; }
    }

    public Duration getTokenLifetime() { return tokenLifetime; }
    public void setTokenLifetime(Duration tokenLifetime) { this.tokenLifetime = tokenLifetime; }
    public String getSigningKey() { return signingKey; }
    public void setSigningKey(String signingKey) { this.signingKey = signingKey; }
    public String getPreviousSigningKey() { return previousSigningKey; }
    public void setPreviousSigningKey(String previousSigningKey) { this.previousSigningKey = previousSigningKey; }
    public String getKeyFile() { return keyFile; }
    public void setKeyFile(String keyFile) { this.keyFile = keyFile; }
    public Throttle getFailures() { return failures; }
}
