package newsroom.article.auth;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Signs access tokens (RS256, Spring Security's {@link NimbusJwtEncoder}) for a local account: subject and
 * {@code preferred_username} are the user name, {@code roles} the account's roles, {@code name} its display name,
 * with issuer, audience, issue time, expiry and a unique id. Every service checks them the same way
 * ({@code newsroom.platform.security.LocalTokenDecoder}).
 */
public class TokenIssuer {

    /** What the token endpoint answers (RFC 6749 section 5.1 names). */
    public record IssuedToken(String value, Instant expiresAt, Duration lifetime) {
    }

    private final JwtEncoder encoder;
    private final String keyId;
    private final String issuer;
    private final String audience;
    private final Duration lifetime;
    private final Clock clock;

    TokenIssuer(SigningKeys keys, String issuer, String audience, Duration lifetime, Clock clock) {
        // Only the signing key goes to the encoder: the previous one is published, never used to sign.
        this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(keys.signing())));
        this.keyId = keys.signing().getKeyID();
        this.issuer = issuer;
        this.audience = audience;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    public IssuedToken issue(String username, List<String> roles, String displayName) {
        Instant now = clock.instant();
        Instant expires = now.plus(lifetime);
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .issuer(issuer)
                .audience(List.of(audience))
                .subject(username)
                .issuedAt(now)
                .notBefore(now)
                .expiresAt(expires)
                .id(UUID.randomUUID().toString())
                .claim("preferred_username", username)
                .claim("roles", List.copyOf(roles));
        if (displayName != null && !displayName.isBlank()) {
            claims.claim("name", displayName);
        }
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(keyId).type("JWT").build();
        String value = encoder.encode(JwtEncoderParameters.from(header, claims.build())).getTokenValue();
        return new IssuedToken(value, expires, lifetime);
    }
}
