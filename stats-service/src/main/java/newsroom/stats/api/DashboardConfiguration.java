package newsroom.stats.api;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** /dashboard: a static page (resources/static/dashboard) with ECharts from the webjar, reading /api/stats. */
@Configuration
class DashboardConfiguration implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addViewController("/dashboard").setViewName("forward:/dashboard/index.html");
        registry.addRedirectViewController("/dashboard/", "/dashboard");
    }
}
