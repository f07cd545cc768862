package newsroom.portal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The reader portal and the editor console: server-rendered pages composed from article-service, category-service
 * and stats-service over HTTP, kept rendered until an event on article-lifecycle or category-changed says what they
 * show has changed. It keeps no data of its own (only caches and console sessions in memory; each replica hears every
 * event in its own anonymous consumer group), so any number of replicas can run behind a load balancer (console
 * sessions then need sticky sessions).
 */
@SpringBootApplication
@EnableConfigurationProperties(PortalProperties.class)
public class PortalApplication {

    public static void main(String[] args) {
        SpringApplication.run(PortalApplication.class, args);
    }
}
