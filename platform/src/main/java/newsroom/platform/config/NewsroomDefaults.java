package newsroom.platform.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Settings every Newsroom service wants the same way (observability, mostly), added with the lowest precedence so
 * any service's application.yml, an environment variable or a command-line argument still overrides them. See
 * {@code newsroom-defaults.properties} beside this class's package in the platform jar.
 */
public class NewsroomDefaults implements EnvironmentPostProcessor {

    static final String RESOURCE = "newsroom-defaults.properties";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            for (PropertySource<?> source : new PropertiesPropertySourceLoader()
                    .load("newsroom-defaults", new ClassPathResource(RESOURCE))) {
                environment.getPropertySources().addLast(source);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE + " from the platform jar", e);
        }
    }
}
