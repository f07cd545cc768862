package newsroom.stats;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Counts article views from the article-viewed topic and serves the numbers. */
@SpringBootApplication
@EnableScheduling
@EnableConfigurationProperties(StatsProperties.class)
public class StatsServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(StatsServiceApplication.class, args);
    }
}
