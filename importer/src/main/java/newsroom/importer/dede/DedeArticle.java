package newsroom.importer.dede;

/**
 * A row of {@code dede_archives} (its {@code body} comes from {@code dede_addonarticle}). Times are Unix seconds.
 *
 * @param arcrank  0 and above: readable (above 0 only by members of that rank); -1 awaiting review; -2 recycle bin
 * @param flag     comma-separated: h headline, c recommended, a special recommendation, p picture, ...
 * @param sortrank the list order; DedeCMS's "置顶" (pin) sets it after {@code pubdate}
 */
public record DedeArticle(long id, long typeid, long sortrank, String flag, int arcrank, long click, String title,
        String shorttitle, String writer, String source, String litpic, long pubdate, long senddate,
        String keywords, String description, String filename, int ismake) {
}
