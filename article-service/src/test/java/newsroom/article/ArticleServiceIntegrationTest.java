package newsroom.article;

import newsroom.article.categories.CategoryReplica;
import newsroom.testing.InProcessInfrastructureTest;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

/**
 * What most article-service integration tests start from: the service on a random port (one cached context for all
 * of them), its category replica to announce categories into, and clients signed in as an editor and as nobody.
 */
@InProcessInfrastructureTest
abstract class ArticleServiceIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    CategoryReplica replica;

    RestClient editor;
    RestClient anyone;

    @BeforeEach
    void signIn() {
        editor = Newsroom.editor(port);
        anyone = Newsroom.anonymous(port);
    }
}
