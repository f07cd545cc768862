package newsroom.portal.site;

import jakarta.servlet.http.HttpServletResponse;
import newsroom.portal.PortalProperties;
import newsroom.portal.backend.ServiceUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * Reader-facing errors as pages, never stack traces: 404 for what does not exist, 503 with Retry-After when a
 * service the page cannot do without is down. Neither is cached.
 */
@ControllerAdvice(basePackageClasses = SiteErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class SiteErrors {

    private static final Logger log = LoggerFactory.getLogger(SiteErrors.class);

    private final PortalProperties properties;

    SiteErrors(PortalProperties properties) {
        this.properties = properties;
    }

    @ExceptionHandler(PageNotFoundException.class)
    ModelAndView notFound(PageNotFoundException e, HttpServletResponse response) {
        PageCaching.never(response);
        ModelAndView page = new ModelAndView("error/not-found", HttpStatus.NOT_FOUND);
        page.addObject("site", properties.getSite());
        return page;
    }

    @ExceptionHandler(ServiceUnavailableException.class)
    ModelAndView unavailable(ServiceUnavailableException e, HttpServletResponse response) {
        log.warn("Page unavailable: {}", e.getMessage());
        PageCaching.never(response);
        response.setHeader(HttpHeaders.RETRY_AFTER, "30");
        ModelAndView page = new ModelAndView("error/unavailable", HttpStatus.SERVICE_UNAVAILABLE);
        page.addObject("site", properties.getSite());
        page.addObject("service", e.service());
        return page;
    }
}
