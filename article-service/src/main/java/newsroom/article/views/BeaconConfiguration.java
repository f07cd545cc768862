package newsroom.article.views;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationPredicate;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

/** Puts {@link BeaconFilter} first in the servlet filter chain, and keeps its sends unobserved. */
@Configuration(proxyBeanMethods = false)
class BeaconConfiguration {

    @Bean
    FilterRegistrationBean<BeaconFilter> beaconFilter(ViewRecorder recorder, JsonMapper json, MeterRegistry meters) {
        FilterRegistrationBean<BeaconFilter> registration =
                new FilterRegistrationBean<>(new BeaconFilter(recorder, json, meters));
        // Ahead of Boot's ServerHttpObservationFilter (HIGHEST_PRECEDENCE + 1) and everything after it.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.addUrlPatterns("/api/articles/*");
        return registration;
    }

    /** No observation (trace, timer) for what the beacon filter sends; a traced beacon call takes the MVC path. */
    @Bean
    ObservationPredicate beaconSendsAreNotObserved() {
        return (name, context) -> !BeaconFilter.isSending();
    }
}
