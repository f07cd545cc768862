package newsroom.stats.tally;

/**
 * One counter document: an article's or a category's day (UTC). A view adds to its article's day and to the day of
 * every category it is credited to.
 *
 * @param owner    the article id or the category id
 * @param epochDay the day, as days since 1970-01-01
 */
public record CounterKey(Kind kind, String owner, long epochDay) {

    public enum Kind { ARTICLE_DAY, CATEGORY_DAY }
}
