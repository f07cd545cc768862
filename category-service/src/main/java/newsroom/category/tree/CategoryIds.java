package newsroom.category.tree;

/**
 * Category ids are short decimal numbers (from the platform's SequenceGenerator). Request mappings match them as
 * such, so that {@code /api/categories/by-path/siblings} is the category whose slug is "siblings", never the
 * siblings of a category with the id "by-path".
 */
public final class CategoryIds {

    /** The {@code {id}} path variable of every mapping under {@code /api/categories/}. */
    public static final String PATH_VARIABLE = "{id:[0-9]+}";

    private CategoryIds() {
    }
}
