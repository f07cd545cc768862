package newsroom.platform.security;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import java.util.List;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Checks the newsroom's own access tokens (the ones article-service issues at {@code POST /api/auth/token}) locally:
 * RS256 signature against the published keys, expiry (with Spring's default 60 s clock skew), issuer and audience.
 * No call per request: a service other than article-service fetches the JWK Set once from
 * {@code newsroom.security.tokens.jwk-set-uri} and keeps it, fetching again only when a token names a key it does
 * not know (which is how a rotated-in key is picked up); article-service checks against its own keys in memory.
 *
 * <p>Deliberately not a {@link JwtDecoder} bean itself: a JwtDecoder bean means "an outside identity provider owns
 * the users" to Boot and to {@link NewsroomSecurityAutoConfiguration}, and local tokens sit beside HTTP Basic instead.
 */
public final class LocalTokenDecoder {

    private final JwtDecoder decoder;

    private LocalTokenDecoder(JwtDecoder decoder) {
        this.decoder = decoder;
    }

    /** For the services that do not sign: keys from the issuer's JWK Set endpoint, fetched lazily and cached. */
    public static LocalTokenDecoder fromJwkSetUri(String jwkSetUri, String issuer, String audience) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwkSetUri)
                .jwsAlgorithm(SignatureAlgorithm.RS256).build();
        decoder.setJwtValidator(validator(issuer, audience));
        return new LocalTokenDecoder(decoder);
    }

    /** For the signer itself: its public keys, in memory. */
    public static LocalTokenDecoder fromKeys(JWKSet publicKeys, String issuer, String audience) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(new ImmutableJWKSet<>(publicKeys))
                .jwsAlgorithm(SignatureAlgorithm.RS256).build();
        decoder.setJwtValidator(validator(issuer, audience));
        return new LocalTokenDecoder(decoder);
    }

    private static OAuth2TokenValidator<Jwt> validator(String issuer, String audience) {
        // createDefaultWithIssuer checks expiry and not-before as well as the issuer.
        return new DelegatingOAuth2TokenValidator<>(List.of(JwtValidators.createDefaultWithIssuer(issuer),
                new JwtAudienceValidator(audience)));
    }

    public JwtDecoder decoder() {
        return decoder;
    }
}
