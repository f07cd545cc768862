package newsroom.portal.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import newsroom.portal.PortalProperties;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * A console page that could not be built: when a service no longer accepts the session's token (expired, the
 * account disabled, the signing key retired), the session ends and the editor signs in again; otherwise the refusal
 * is shown.
 */
@ControllerAdvice(basePackageClasses = ConsoleErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleErrors {

    private final PortalProperties properties;

    ConsoleErrors(PortalProperties properties) {
        this.properties = properties;
    }

    @ExceptionHandler(ConsoleProblem.class)
    ModelAndView problem(ConsoleProblem e, HttpServletRequest request, HttpServletResponse response) {
        if (e.status() == 401) {
            SecurityContextHolder.clearContext();
            var session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            return new ModelAndView("redirect:/console/login?error=expired");
        }
        HttpStatus status = HttpStatus.resolve(e.status());
        ModelAndView page = new ModelAndView("console/problem",
                status == null || status.is2xxSuccessful() ? HttpStatus.BAD_GATEWAY : status);
        page.addObject("message", e.getMessage());
        page.addObject("site", properties.getSite());
        return page;
    }
}
