package newsroom.portal.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Keeps a console session's token fresh without the password: before a console page is handled, a token past half
 * its lifetime is exchanged at article-service for a new one of the same account (which also picks up a disabled
 * account or changed roles); a token already expired, or one article-service no longer takes, ends the session
 * (the editor signs in again: {@link ConsoleErrors} handles the 401). If article-service cannot be reached the still
 * valid token is kept and the page goes on.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleTokenRenewal implements WebMvcConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ConsoleTokenRenewal.class);

    private final TokenEndpoint tokens;
    private final Clock clock = Clock.systemUTC();

    ConsoleTokenRenewal(TokenEndpoint tokens) {
        this.tokens = tokens;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                renewIfDue();
                return true;
            }
        }).addPathPatterns("/console/**").excludePathPatterns("/console/login", "/console/logout");
    }

    void renewIfDue() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !(auth.getPrincipal() instanceof ConsoleUser user)) {
            return;
        }
        ConsoleToken token = user.token();
        if (token.expired(clock.instant())) {
            throw new ConsoleProblem(401, "登录已失效，请重新登录。");
        }
        if (!token.dueForRenewal(clock.instant())) {
            return;
        }
        synchronized (token) {
            if (!token.dueForRenewal(clock.instant())) {
                return; // another request of this session renewed it meanwhile
            }
            TokenEndpoint.Answer answer;
            try {
                answer = tokens.renew(token);
            } catch (ResourceAccessException unavailable) {
                log.debug("Token of {} not renewed now: article-service unavailable", user.username());
                return;
            }
            if (answer.ok()) {
                token.replace(answer.token(), answer.issuedAt(), answer.expiresAt());
            } else if (answer.status() == 401) {
                throw new ConsoleProblem(401, "登录已失效，请重新登录。");
            }
        }
    }
}
