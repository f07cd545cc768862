package newsroom.portal.site;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Puts {@link RenderedPageFilter} in front of Spring Security and the ETag filter (see their orders). */
@Configuration(proxyBeanMethods = false)
class RenderedPageConfiguration {

    @Bean
    FilterRegistrationBean<RenderedPageFilter> renderedPageFilter(RenderedPages pages) {
        FilterRegistrationBean<RenderedPageFilter> registration =
                new FilterRegistrationBean<>(new RenderedPageFilter(pages));
        registration.addUrlPatterns("/*");
        // After character encoding and the request observation (metrics, traces), before the ETag filter
        // (HIGHEST_PRECEDENCE + 20) and Spring Security (-100).
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
