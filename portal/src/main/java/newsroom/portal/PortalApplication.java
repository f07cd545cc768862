package newsroom.portal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The reader portal and the editor console: server-rendered pages composed from article-service, category-service
 * and stats-service over HTTP. It keeps no data of its own (only short-lived caches and console sessions in memory),
 * so any number of replicas can run behind a load balancer (console sessions then need sticky sessions).
 */
@SpringBootApplication
@EnableConfigurationProperties(PortalProperties.class)
public class PortalApplication {

    public static void main(String[] args) {
        SpringApplication.run(PortalApplication.class, args);
    }
}
