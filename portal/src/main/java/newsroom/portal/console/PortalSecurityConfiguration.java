package newsroom.portal.console;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Reader pages, feeds and the beacon are open to everyone and keep no session; {@code /console/**} needs a form
 * login, exchanged for an access token at article-service ({@link ArticleServiceAuthentication}), and category
 * management needs an admin. Browser sessions get CSRF protection (a token in every console form); the beacon is exempt, as it changes
 * nothing but a counter and cannot carry a token. Every response gets a Content Security Policy that allows
 * scripts from the portal's own files only, so a script that got into an article body would not run.
 */
@Configuration(proxyBeanMethods = false)
class PortalSecurityConfiguration {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data: http: https:; object-src 'none'; base-uri 'self'; form-action 'self'; "
            + "frame-ancestors 'self'";

    @Bean
    SecurityFilterChain portalSecurity(HttpSecurity http, ArticleServiceAuthentication articleService)
            throws Exception {
        http.authenticationProvider(articleService)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/console/login").permitAll()
                        .requestMatchers("/console/categories/**").hasRole("ADMIN")
                        .requestMatchers("/console/**").authenticated()
                        .anyRequest().permitAll())
                .formLogin(form -> form
                        .loginPage("/console/login")
                        .defaultSuccessUrl("/console", false)
                        .failureHandler(failures()))
                .logout(logout -> logout
                        .logoutUrl("/console/logout")
                        .logoutSuccessUrl("/console/login?logout")
                        .invalidateHttpSession(true)
                        .deleteCookies("JSESSIONID"))
                .csrf(csrf -> csrf.ignoringRequestMatchers("/beacon/**"))
                .sessionManagement(session -> session.sessionFixation(fixation -> fixation.changeSessionId()))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .frameOptions(frame -> frame.sameOrigin())
                        .referrerPolicy(referrer -> referrer
                                .policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)));
        return http.build();
    }

    /**
     * Tells a wrong password apart from an account without rights, from too many failed attempts (article-service
     * answered 429) and from article-service being down.
     */
    private static AuthenticationFailureHandler failures() {
        return (request, response, exception) -> {
            String reason = exception instanceof AuthenticationServiceException ? "unavailable"
                    : exception instanceof InsufficientAuthenticationException ? "forbidden"
                    : exception instanceof LockedException ? "throttled" : "credentials";
            response.sendRedirect(request.getContextPath() + "/console/login?error=" + reason);
        };
    }
}
