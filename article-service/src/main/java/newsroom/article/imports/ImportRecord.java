package newsroom.article.imports;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * Which article an old system's article became ({@code article_imports}, id = {@code system:site:sourceId}), and a
 * hash of what was imported, so a re-import of the same content writes nothing. Written {@code PENDING} before the
 * article and {@code DONE} after it: a run that died in between left a record naming an id, and the next run
 * creates the article under that id (or, if it was written, finishes it) instead of a second one.
 */
@Document("article_imports")
record ImportRecord(@Id String key, String articleId, String contentHash, State state, String importedBy,
        Instant importedAt) {

    enum State { PENDING, DONE }
}
