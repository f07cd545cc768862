package newsroom.article.editorial;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What changed between two revisions, field by field, computed with java-diff-utils (Myers). Texts are compared
 * line by line; an HTML body is first broken after each block element, so a changed paragraph is one changed line
 * rather than the whole body.
 */
public final class RevisionDiff {

    /** One changed block of lines: {@code type} is CHANGE, DELETE or INSERT; positions are 1-based. */
    public record Change(String type, int fromLine, List<String> fromLines, int toLine, List<String> toLines) {
    }

    /** One field that differs, with its changes and the same as a unified diff. */
    public record FieldDiff(String field, List<Change> changes, String unified) {
    }

    public record Result(String articleId, long fromVersion, long toVersion, List<FieldDiff> fields) {
    }

    private static final Map<String, Function<Revision, List<String>>> FIELDS = new LinkedHashMap<>();

    static {
        FIELDS.put("title", r -> lines(r.title()));
        FIELDS.put("subtitle", r -> lines(r.subtitle()));
        FIELDS.put("summary", r -> lines(r.summary()));
        FIELDS.put("body", r -> htmlLines(r.body()));
        FIELDS.put("slug", r -> lines(r.slug()));
        FIELDS.put("categoryId", r -> lines(r.categoryId()));
        FIELDS.put("keywords", Revision::keywords);
        FIELDS.put("source", r -> lines(r.source()));
        FIELDS.put("writer", r -> lines(r.writer()));
        FIELDS.put("coverImageUrl", r -> lines(r.coverImageUrl()));
        FIELDS.put("seoTitle", r -> lines(r.seoTitle()));
        FIELDS.put("seoDescription", r -> lines(r.seoDescription()));
        FIELDS.put("flags", r -> List.of("headline=" + r.headline(), "recommended=" + r.recommended(),
                "pinned=" + r.pinned(), "sortRank=" + r.sortRank()));
        FIELDS.put("status", r -> lines(r.status() == null ? null : r.status().name()));
    }

    private RevisionDiff() {
    }

    public static Result between(Revision from, Revision to) {
        List<FieldDiff> fields = new ArrayList<>();
        FIELDS.forEach((name, extract) -> {
            List<String> original = extract.apply(from);
            List<String> revised = extract.apply(to);
            Patch<String> patch = DiffUtils.diff(original, revised);
            if (patch.getDeltas().isEmpty()) {
                return;
            }
            List<Change> changes = new ArrayList<>();
            for (AbstractDelta<String> delta : patch.getDeltas()) {
                changes.add(new Change(delta.getType().name(), delta.getSource().getPosition() + 1,
                        delta.getSource().getLines(), delta.getTarget().getPosition() + 1,
                        delta.getTarget().getLines()));
            }
            List<String> unified = UnifiedDiffUtils.generateUnifiedDiff(
                    "v" + from.version() + "/" + name, "v" + to.version() + "/" + name, original, patch, 2);
            fields.add(new FieldDiff(name, changes, String.join("\n", unified)));
        });
        return new Result(to.articleId(), from.version(), to.version(), fields);
    }

    private static List<String> lines(String text) {
        return text == null ? List.of() : Arrays.asList(text.split("\\R", -1));
    }

    static List<String> htmlLines(String html) {
        if (html == null || html.isEmpty()) {
            return List.of();
        }
        String broken = html.replaceAll(
                "(?i)(</(?:p|h[1-6]|li|ul|ol|blockquote|pre|figure|figcaption|table|tr|div|section)>|<br\\s*/?>|<hr\\s*/?>)",
                "$1\n");
        List<String> result = new ArrayList<>();
        for (String line : broken.split("\n")) {
            if (!line.isBlank()) {
                result.add(line);
            }
        }
        return result;
    }
}
