package newsroom.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Checks the newsroom's own access tokens (the ones article-service issues at {@code POST /api/auth/token}) locally:
 * RS256 signature against the published keys, expiry (with Spring's default 60 s clock skew), issuer and audience.
 * No call per request: a service other than article-service fetches the JWK Set from
 * {@code newsroom.security.tokens.jwk-set-uri} and keeps it for {@link #JWK_SET_TIME_TO_LIVE} (so a key retired by a
 * rotation stops being accepted), fetching early when a token names a key it does not know (how a rotated-in key is
 * picked up; Nimbus allows that at most once in 30 s, so forged key ids cannot make it fetch per request).
 * article-service checks against its own keys in memory.
 *
 * <p>A client sends the same token with every request for up to its lifetime (30 minutes), so a token whose
 * signature checked out is kept ({@link #VERIFIED_TIME_TO_LIVE}, keyed by the exact token text — any other text,
 * a tampered one included, is a different key and checked in full): the RS256 check and the parsing of its claims
 * happen about once a minute per client instead of on every request. Expiry, issuer and audience are validated
 * again on every use, so an expired token is refused at once; a retired key's tokens are refused once both the
 * JWK Set and this copy have expired.
 *
 * <p>Deliberately not a {@link JwtDecoder} bean itself: a JwtDecoder bean means "an outside identity provider owns
 * the users" to Boot and to {@link NewsroomSecurityAutoConfiguration}, and local tokens sit beside HTTP Basic instead.
 */
public final class LocalTokenDecoder {

    /** How long a fetched JWK Set is used before it is fetched again. */
    public static final Duration JWK_SET_TIME_TO_LIVE = Duration.ofMinutes(5);
    /** How long one fetch of the JWK Set may take (connect, then read). */
    static final Duration JWK_SET_FETCH_TIMEOUT = Duration.ofSeconds(5);
    private static final int JWK_SET_SIZE_LIMIT = 50 * 1024;
    /** How long a token whose signature was checked is taken as checked. */
    static final Duration VERIFIED_TIME_TO_LIVE = Duration.ofMinutes(1);
    private static final int VERIFIED_MAX = 10_000;

    private final JwtDecoder decoder;

    private LocalTokenDecoder(JwtDecoder decoder) {
        this.decoder = decoder;
    }

    /** For the services that do not sign: keys from the issuer's JWK Set endpoint, fetched lazily and cached. */
    public static LocalTokenDecoder fromJwkSetUri(String jwkSetUri, String issuer, String audience) {
        JWKSource<SecurityContext> keys;
        try {
            // Nimbus's remote source: cached for the time to live, refreshed for unknown key ids (rate-limited).
            // Its default retriever gives up after 500 ms: on a loaded machine the first token after a start then
            // failed with a 500 (seen on the 2-core local run while four builds ran); seconds, and one retry.
            int timeout = (int) JWK_SET_FETCH_TIMEOUT.toMillis();
            keys = JWKSourceBuilder.create(URI.create(jwkSetUri).toURL(),
                            new DefaultResourceRetriever(timeout, timeout, JWK_SET_SIZE_LIMIT))
                    .cache(JWK_SET_TIME_TO_LIVE.toMillis(), JWK_SET_FETCH_TIMEOUT.toMillis() * 2)
                    .retrying(true)
                    .build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("newsroom.security.tokens.jwk-set-uri is not a URL: " + jwkSetUri, e);
        }
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys)
                .jwsAlgorithm(SignatureAlgorithm.RS256).build();
        return new LocalTokenDecoder(new VerifiedTokens(decoder, validator(issuer, audience)));
    }

    /** For the signer itself: its public keys, in memory. */
    public static LocalTokenDecoder fromKeys(JWKSet publicKeys, String issuer, String audience) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(new ImmutableJWKSet<>(publicKeys))
                .jwsAlgorithm(SignatureAlgorithm.RS256).build();
        return new LocalTokenDecoder(new VerifiedTokens(decoder, validator(issuer, audience)));
    }

    private static OAuth2TokenValidator<Jwt> validator(String issuer, String audience) {
        // createDefaultWithIssuer checks expiry and not-before as well as the issuer.
        return new DelegatingOAuth2TokenValidator<>(List.of(JwtValidators.createDefaultWithIssuer(issuer),
                new JwtAudienceValidator(audience)));
    }

    public JwtDecoder decoder() {
        return decoder;
    }

    /** Checks a token in full the first time, then only validates the copy it kept (see the class comment). */
    private static final class VerifiedTokens implements JwtDecoder {

        private final NimbusJwtDecoder verifier;
        private final OAuth2TokenValidator<Jwt> validator;
        private final Cache<String, Jwt> verified = Caffeine.newBuilder().maximumSize(VERIFIED_MAX)
                .expireAfterWrite(VERIFIED_TIME_TO_LIVE).build();

        VerifiedTokens(NimbusJwtDecoder verifier, OAuth2TokenValidator<Jwt> validator) {
            this.verifier = verifier;
            this.validator = validator;
            verifier.setJwtValidator(validator);
        }

        @Override
        public Jwt decode(String token) throws JwtException {
            Jwt jwt = verified.getIfPresent(token);
            if (jwt == null) {
                jwt = verifier.decode(token); // signature, then the validator; throws if either fails
                verified.put(token, jwt);
                return jwt;
            }
            OAuth2TokenValidatorResult result = validator.validate(jwt);
            if (result.hasErrors()) {
                verified.invalidate(token);
                throw new JwtValidationException(result.getErrors().iterator().next().getDescription(),
                        result.getErrors());
            }
            return jwt;
        }
    }
}
