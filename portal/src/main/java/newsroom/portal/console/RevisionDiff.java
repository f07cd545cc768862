package newsroom.portal.console;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** What changed between two revisions ({@code GET .../revisions/diff?from=}): a unified diff per changed field. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RevisionDiff(long fromVersion, long toVersion, List<Field> fields) {

    public RevisionDiff {
        fields = fields == null ? List.of() : fields;
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Field(String field, String unified) {
    }
}
