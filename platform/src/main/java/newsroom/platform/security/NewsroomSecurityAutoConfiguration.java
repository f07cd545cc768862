package newsroom.platform.security;

import java.time.Clock;
import java.util.Map;
import newsroom.platform.PlatformAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * One security scheme for every Newsroom service, configured by {@code newsroom.security.*}
 * ({@link NewsroomSecurityProperties}):
 * <ul>
 *   <li><b>local mode</b> (default): HTTP Basic against {@link LocalAccounts} in the service's MongoDB, BCrypt
 *       hashes, accounts seeded at start-up when {@code newsroom.security.seed.enabled}; beside it the newsroom's
 *       own bearer tokens (signed by article-service, checked locally by a {@link LocalTokenDecoder}), so a client
 *       pays for BCrypt once at sign-in instead of on every request;</li>
 *   <li><b>resource-server mode</b>: switched on by Boot's JWT decoder settings, normally
 *       {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} (NEWSROOM_JWT_ISSUER_URI); roles from a claim
 *       ({@link JwtRolesConverter}); no local accounts are seeded.</li>
 * </ul>
 * Both are stateless (no session, no cookie), so CSRF protection is off for the API paths; 401 and 403 are
 * problem+json ({@link SecurityProblems}). Roles nest: ADMIN &gt; EDITOR &gt; WRITER ({@link Roles#HIERARCHY}).
 * A service that needs something else (a browser UI with form login) declares its own {@link SecurityFilterChain},
 * and this one steps back.
 */
@AutoConfiguration(after = PlatformAutoConfiguration.class, before = {SecurityAutoConfiguration.class,
        ServletWebSecurityAutoConfiguration.class, ManagementWebSecurityAutoConfiguration.class,
        UserDetailsServiceAutoConfiguration.class, OAuth2ResourceServerAutoConfiguration.class})
@ConditionalOnClass(SecurityFilterChain.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty(name = "newsroom.security.enabled", matchIfMissing = true)
@EnableConfigurationProperties(NewsroomSecurityProperties.class)
public class NewsroomSecurityAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix()
                .role(Roles.ADMIN).implies(Roles.EDITOR)
                .role(Roles.EDITOR).implies(Roles.WRITER)
                .build();
    }

    /**
     * Spring Security's own observations off: it observes the filter chain before and after, every filter in it, each
     * authentication and each authorization — about a dozen observations per request, each a timer and (traced or
     * not) a span scope: about 4% of article-service's CPU while publishing (bench/publish/README.md). Requests stay
     * observed as {@code http.server.requests} (metrics, and the request's span with its trace context); a 401 or
     * 403 is counted there by status. {@code newsroom.security.observations=true} turns them back on.
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty(name = "newsroom.security.observations", havingValue = false, matchIfMissing = true)
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    @ConditionalOnMissingBean
    PasswordEncoder passwordEncoder(NewsroomSecurityProperties properties) {
        return new DelegatingPasswordEncoder("bcrypt",
                Map.of("bcrypt", new BCryptPasswordEncoder(properties.getBcryptStrength())));
    }

    @Bean
    @ConditionalOnMissingBean
    LocalAccounts localAccounts(MongoTemplate mongo, PasswordEncoder passwordEncoder, Clock clock) {
        return new LocalAccounts(mongo, passwordEncoder, clock);
    }

    @Bean
    @ConditionalOnBooleanProperty("newsroom.security.seed.enabled")
    AccountSeeder accountSeeder(LocalAccounts accounts, NewsroomSecurityProperties properties,
            Environment environment, ObjectProvider<JwtDecoder> jwtDecoder) {
        // In resource-server mode the identity provider owns the users: nothing to seed.
        return new AccountSeeder(accounts, properties.getSeed(), environment, jwtDecoder.getIfAvailable() == null);
    }

    /**
     * Local mode on a service that does not sign tokens itself: the newsroom's tokens are checked against the JWK
     * Set at {@code newsroom.security.tokens.jwk-set-uri}. article-service declares its own, from its keys.
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnExpression("'${newsroom.security.tokens.enabled:true}' == 'true' "
            + "and '${newsroom.security.tokens.jwk-set-uri:}' != ''")
    LocalTokenDecoder localTokenDecoder(NewsroomSecurityProperties properties) {
        NewsroomSecurityProperties.Tokens tokens = properties.getTokens();
        return LocalTokenDecoder.fromJwkSetUri(tokens.getJwkSetUri(), tokens.getIssuer(), tokens.getAudience());
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain newsroomSecurityFilterChain(HttpSecurity http, NewsroomSecurityProperties properties,
            ObjectProvider<JwtDecoder> jwtDecoder, JsonMapper json, ObjectProvider<UserDetailsService> userDetails,
            LocalAccounts localAccounts, PasswordEncoder passwordEncoder,
            ObjectProvider<LocalTokenDecoder> localTokens) throws Exception {
        JwtDecoder decoder = jwtDecoder.getIfAvailable();
        SecurityProblems problems = new SecurityProblems(json, decoder != null, properties.getRealm());
        http.csrf(csrf -> csrf.ignoringRequestMatchers(properties.getCsrfIgnoredPaths().toArray(String[]::new)))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .authorizeHttpRequests(requests -> authorize(requests, properties));
        JwtRolesConverter converter = new JwtRolesConverter(properties.getJwt().getRolesClaim(),
                properties.getJwt().getUsernameClaim());
        if (decoder != null) {
            http.oauth2ResourceServer(resourceServer -> resourceServer
                    .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(converter))
                    .authenticationEntryPoint(problems)
                    .accessDeniedHandler(problems));
        } else {
            LocalTokenDecoder local = properties.getTokens().isEnabled() ? localTokens.getIfAvailable() : null;
            if (local != null) {
                // The newsroom's own tokens beside Basic: the bearer filter only looks at "Bearer" headers, the
                // Basic filter only at "Basic" ones. Their roles claim is always "roles".
                JwtRolesConverter own = new JwtRolesConverter("roles", properties.getJwt().getUsernameClaim());
                http.oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.decoder(local.decoder()).jwtAuthenticationConverter(own))
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems));
            }
            // HTTP Basic that lets a request with bad credentials continue anonymously instead of failing it at
            // once: public endpoints stay public whatever a client sends (a gateway may forward Authorization to
            // every service); a protected endpoint still answers 401, through the entry point above.
            DaoAuthenticationProvider provider = new DaoAuthenticationProvider(
                    userDetails.getIfUnique(() -> localAccounts));
            provider.setPasswordEncoder(passwordEncoder);
            http.addFilterAt(new SkippingBasicAuthenticationFilter(new ProviderManager(provider),
                    properties.getSelfAuthenticatedPaths()), BasicAuthenticationFilter.class);
        }
        return http.build();
    }

    private static void authorize(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests,
            NewsroomSecurityProperties properties) {
        // Error responses are rendered by a forward to /error: it must never be refused itself.
        requests.requestMatchers("/error").permitAll();
        for (String entry : properties.getPublicPaths()) {
            String[] parts = entry.strip().split("\\s+", 2);
            if (parts.length == 2) {
                requests.requestMatchers(HttpMethod.valueOf(parts[0].toUpperCase()), parts[1]).permitAll();
            } else {
                requests.requestMatchers(parts[0]).permitAll();
            }
        }
        for (NewsroomSecurityProperties.Rule rule : properties.getRules()) {
            String[] roles = rule.getRoles().stream().map(Roles::normalize).toArray(String[]::new);
            requests.requestMatchers(rule.getPaths().toArray(String[]::new)).hasAnyRole(roles);
        }
        switch (properties.getDefaultAccess()) {
            case AUTHENTICATED -> requests.anyRequest().authenticated();
            case DENY_ALL -> requests.anyRequest().denyAll();
            default -> requests.anyRequest().permitAll();
        }
    }
}
