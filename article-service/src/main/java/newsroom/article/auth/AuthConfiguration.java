package newsroom.article.auth;

import java.time.Clock;
import newsroom.platform.security.LocalTokenDecoder;
import newsroom.platform.security.NewsroomSecurityProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

/**
 * article-service as the token issuer for local accounts. Off when an outside identity provider is configured
 * (NEWSROOM_JWT_ISSUER_URI): then users sign in there, and this service only checks that provider's tokens.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuthProperties.class)
@ConditionalOnExpression("'${spring.security.oauth2.resourceserver.jwt.issuer-uri:}' == ''")
class AuthConfiguration {

    @Bean
    SigningKeys signingKeys(AuthProperties properties, ResourceLoader resources) {
        return SigningKeys.load(properties, resources);
    }

    @Bean
    TokenIssuer tokenIssuer(SigningKeys keys, NewsroomSecurityProperties security, AuthProperties properties,
            Clock clock) {
        return new TokenIssuer(keys, security.getTokens().getIssuer(), security.getTokens().getAudience(),
                properties.getTokenLifetime(), clock);
    }

    /** This service checks its own tokens against its keys in memory (the platform's chain picks this up). */
    @Bean
    LocalTokenDecoder localTokenDecoder(SigningKeys keys, NewsroomSecurityProperties security) {
        return LocalTokenDecoder.fromKeys(keys.published(), security.getTokens().getIssuer(),
                security.getTokens().getAudience());
    }

    @Bean
    SignInThrottle signInThrottle(AuthProperties properties) {
        return new SignInThrottle(properties.getFailures());
    }
}
