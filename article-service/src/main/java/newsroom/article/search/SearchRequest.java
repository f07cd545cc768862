package newsroom.article.search;

/**
 * A validated search: the parsed query, an optional category whose subtree results must lie in, a page size and the
 * opaque cursor of the page before (null for the first page).
 */
public record SearchRequest(SearchQuery query, String categoryId, int size, String cursor) {
}
