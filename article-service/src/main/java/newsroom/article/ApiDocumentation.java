package newsroom.article;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description (/v3/api-docs, Swagger UI at /swagger-ui.html) with both ways to sign in. */
@Configuration
class ApiDocumentation {

    @Bean
    OpenAPI articleServiceApi() {
        return new OpenAPI()
                .info(new Info().title("Newsroom article-service").version("v1").description(
                        "Editorial workflow (writers, editors), reader API, feeds. Errors are RFC 9457 problem+json "
                                + "with an `errors: [{field, reason}]` extension."))
                .components(new Components()
                        .addSecuritySchemes("basicAuth", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("basic").description("Local accounts (local mode)"))
                        .addSecuritySchemes("bearerAuth", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").bearerFormat("JWT")
                                .description("Tokens of the identity provider (NEWSROOM_JWT_ISSUER_URI set)")));
    }
}
