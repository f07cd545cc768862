package newsroom.stats.tally;

/**
 * One counter document: an article's or a category's day (UTC). A view adds to its article's day and to the day of
 * every category it is credited to.
 *
 * <p>{@link #equals} and {@link #hashCode} are written out: a record's generated ones go through method handles, and
 * counting looks keys up in hash maps a few times per view (a tenth of the counting thread's time went into them).
 * They mean what the generated ones mean.
 *
 * @param owner    the article id or the category id
 * @param epochDay the day, as days since 1970-01-01
 */
public record CounterKey(Kind kind, String owner, long epochDay) {

    public enum Kind { ARTICLE_DAY, CATEGORY_DAY }

    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof CounterKey key && epochDay == key.epochDay && kind == key.kind
                && (owner == key.owner || owner.equals(key.owner));
    }

    @Override
    public int hashCode() {
        return (owner.hashCode() * 31 + Long.hashCode(epochDay)) * 31 + kind.ordinal();
    }
}
