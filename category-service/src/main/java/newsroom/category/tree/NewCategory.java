package newsroom.category.tree;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request body to create a category. */
public record NewCategory(
        @NotBlank @Size(max = 60) String name,
        @NotBlank @Size(max = 60) @Pattern(regexp = SLUG, message = SLUG_RULE) String slug,
        @Size(max = 24) String parentId,
        Integer sortOrder,
        Boolean hidden) {

    public static final String SLUG = "[a-z0-9]+(-[a-z0-9]+)*";
    public static final String SLUG_RULE = "must be lower-case letters, digits and single hyphens";
}
