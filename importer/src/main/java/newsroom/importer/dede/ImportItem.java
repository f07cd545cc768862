package newsroom.importer.dede;

import java.time.Instant;
import java.util.List;

/** One article as article-service's import endpoint takes it ({@code POST /api/editorial/imports}). */
public record ImportItem(String sourceId, String title, String subtitle, String summary, String body,
        String source, String writer, String coverImageUrl, List<String> keywords, String seoDescription,
        String categoryId, String status, Instant originallyPublishedAt, boolean headline, boolean recommended,
        boolean pinned, long clicks, List<String> legacyPaths) {
}
