package newsroom.portal.site;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import newsroom.portal.PortalProperties;
import org.springframework.stereotype.Component;

/** Dates as the seed page shows them (日期:2022-01-07), in the newsroom's time zone. */
@Component
public class PageFormat {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final ZoneId zone;

    public PageFormat(PortalProperties properties) {
        this.zone = properties.getSite().getTimeZone();
    }

    public String date(Instant instant) {
        return instant == null ? "" : DATE.format(instant.atZone(zone));
    }

    public String dateTime(Instant instant) {
        return instant == null ? "" : DATE_TIME.format(instant.atZone(zone));
    }

    public ZoneId zone() {
        return zone;
    }
}
