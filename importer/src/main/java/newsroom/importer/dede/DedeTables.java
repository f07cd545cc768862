package newsroom.importer.dede;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The three DedeCMS tables the importer reads, with DedeCMS 5.7's column order (its {@code install/sql-dftables.txt})
 * for dumps that have an {@code INSERT} without a column list and no {@code CREATE TABLE} before it. A dump's own
 * {@code CREATE TABLE} or column list always wins; older versions (5.3: {@code ID}, {@code reID}) differ only in the
 * case of some names, which is ignored.
 */
public final class DedeTables {

    public static final String ARCTYPE = "arctype";
    public static final String ARCHIVES = "archives";
    public static final String ADDONARTICLE = "addonarticle";

    static final Map<String, List<String>> DEFAULT_COLUMNS = Map.of(
            ARCTYPE, List.of("id", "reid", "topid", "sortrank", "typename", "typedir", "isdefault", "defaultname",
                    "issend", "channeltype", "maxpage", "ispart", "corank", "tempindex", "templist", "temparticle",
                    "namerule", "namerule2", "modname", "description", "keywords", "seotitle", "moresite",
                    "sitepath", "siteurl", "ishidden", "cross", "crossid", "content", "smalltypes"),
            ARCHIVES, List.of("id", "typeid", "typeid2", "sortrank", "flag", "ismake", "channel", "arcrank",
                    "click", "money", "title", "shorttitle", "color", "writer", "source", "litpic", "pubdate",
                    "senddate", "mid", "keywords", "lastpost", "scores", "goodpost", "badpost", "voteid", "notpost",
                    "description", "filename", "dutyadmin", "tackid", "mtype", "weight"),
            ADDONARTICLE, List.of("aid", "typeid", "body", "redirecturl", "templet", "userip"));

    /** Columns without which a table's rows cannot be imported. */
    static final Map<String, List<String>> REQUIRED = Map.of(
            ARCTYPE, List.of("id", "reid", "typename", "typedir"),
            ARCHIVES, List.of("id", "typeid", "arcrank", "title", "pubdate"),
            ADDONARTICLE, List.of("aid", "body"));

    private DedeTables() {
    }

    /** The table's short name ({@code archives}) if {@code table} is one of the three under this prefix, else null. */
    static String shortName(String table, String prefix) {
        String t = table.toLowerCase(Locale.ROOT);
        String p = prefix.toLowerCase(Locale.ROOT);
        if (!t.startsWith(p)) {
            return null;
        }
        String rest = t.substring(p.length());
        return DEFAULT_COLUMNS.containsKey(rest) ? rest : null;
    }
}
