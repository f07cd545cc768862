package newsroom.article.reading;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ReaderController {

    private final PublishedArticles published;

    ReaderController(PublishedArticles published) {
        this.published = published;
    }

    @GetMapping("/api/articles/{id}")
    PublishedArticle get(@PathVariable String id) {
        return PublishedArticle.of(published.get(id));
    }
}
