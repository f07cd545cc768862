package newsroom.portal.site;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import newsroom.portal.PortalProperties;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * Cache-Control of reader pages: public and short (browsers and CDNs may keep a page for
 * {@code portal.caching.page-max-age}, then revalidate it with the ETag that {@code ShallowEtagHeaderFilter}
 * computes from the rendered bytes, answering 304 when nothing changed). A page rendered while a service was down
 * gets a much shorter max-age, so the complete page returns soon. Views are counted by the page's script, so a
 * cached page still counts. Errors are never cached.
 */
@Component
public class PageCaching {

    private final PortalProperties.Caching caching;

    PageCaching(PortalProperties properties) {
        this.caching = properties.getCaching();
    }

    public void page(HttpServletResponse response, boolean degraded) {
        Duration maxAge = degraded ? caching.getDegradedPageMaxAge() : caching.getPageMaxAge();
        response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.maxAge(maxAge).cachePublic().getHeaderValue());
    }

    public static void never(HttpServletResponse response) {
        response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
    }
}
