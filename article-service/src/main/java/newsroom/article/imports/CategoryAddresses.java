package newsroom.article.imports;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The old addresses of imported categories (list pages), each to answer 301 to its category here. */
public record CategoryAddresses(
        @NotBlank @Size(max = 40) String system,
        @NotBlank @Size(max = 200) String site,
        @NotNull @Size(max = 10_000) List<@Valid @NotNull Address> addresses) {

    public record Address(
            @NotBlank @Size(max = 500) @Pattern(regexp = "/\\S*", message = "must be a path") String path,
            @NotBlank @Size(max = 24) String categoryId) {
    }

    /** @param registered how many addresses were new (one mapped before keeps its target) */
    public record Registered(int registered) {
    }
}
