package newsroom.importer.dede;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import newsroom.importer.dump.DumpHandler;
import newsroom.importer.dump.SqlDumpReader;
import newsroom.importer.dump.Undecodable;

/**
 * A DedeCMS dump read in two passes, so that nothing large is held in memory: the first reads the categories and
 * the articles' metadata ({@code arctype}, {@code archives}: small rows), the second streams the bodies
 * ({@code addonarticle}, most of the dump) and hands each article over with its body as soon as it is read. Two
 * passes because {@code mysqldump} writes tables in name order, bodies first.
 *
 * <p>Every row that cannot be read is reported (see {@link Report}) with its id and skipped: a wrong number of
 * values, a missing required column, a value that is not a number, bytes that are not the dump's character set.
 */
public final class DedeDump {

    /** The first pass: categories by id in dump order, and the articles' metadata by id. */
    public record Catalog(Map<Long, DedeCategory> categories, Map<Long, DedeArticle> articles) {
    }

    private final Path file;
    private final Charset charset;
    private final String prefix;
    private final Report report;

    public DedeDump(Path file, Charset charset, String prefix, Report report) {
        this.file = file;
        this.charset = charset;
        this.prefix = prefix;
        this.report = report;
    }

    public Catalog readCatalog() throws IOException {
        Map<Long, DedeCategory> categories = new LinkedHashMap<>();
        Map<Long, DedeArticle> articles = new HashMap<>();
        read(Set.of(DedeTables.ARCTYPE, DedeTables.ARCHIVES), true, (table, row) -> {
            if (table.equals(DedeTables.ARCTYPE)) {
                DedeCategory c = category(row);
                if (c != null) {
                    categories.put(c.id(), c);
                }
            } else {
                DedeArticle a = article(row);
                if (a != null) {
                    articles.put(a.id(), a);
                }
            }
        });
        return new Catalog(categories, articles);
    }

    /**
     * Streams the bodies and hands over each article of {@code articles} with its body, in dump order; articles
     * without a body row (not of the article channel, or lost) are reported.
     */
    public void readBodies(Map<Long, DedeArticle> articles, BiConsumer<DedeArticle, String> sink)
            throws IOException {
        Set<Long> done = new HashSet<>();
        read(Set.of(DedeTables.ADDONARTICLE), false, (table, row) -> {
            Long aid = number(table, row, "aid", null);
            if (aid == null) {
                return;
            }
            DedeArticle article = articles.get(aid);
            if (article == null || !done.add(aid)) {
                return; // reported in the first pass, or skipped on purpose (recycle bin), or a repeated row
            }
            Object body = row.get("body");
            if (body instanceof Undecodable u) {
                report.skip("undecodable bytes (not " + charset.name() + ")", "aid " + aid + ": body, "
                        + u.preview());
                return;
            }
            sink.accept(article, body == null ? "" : (String) body);
        });
        for (DedeArticle article : articles.values()) {
            if (!done.contains(article.id())) {
                report.skip("no body in " + prefix + DedeTables.ADDONARTICLE + " (not an article, or lost)",
                        "aid " + article.id() + " " + article.title());
            }
        }
    }

    // ---- rows ----------------------------------------------------------------------------------------------------

    private DedeCategory category(Map<String, Object> row) {
        String t = DedeTables.ARCTYPE;
        rowInvalid = false;
        Long id = number(t, row, "id", null);
        if (id == null) {
            return null;
        }
        String where = "typeid " + id;
        Long reid = number(t, row, "reid", where);
        Long sortrank = number(t, row, "sortrank", where);
        Long hidden = number(t, row, "ishidden", where);
        String name = text(t, row, "typename", where);
        String typedir = text(t, row, "typedir", where);
        if (reid == null || name == null || typedir == null || invalid(row)) {
            return null;
        }
        return new DedeCategory(id, reid, sortrank == null ? 50 : sortrank.intValue(), name, typedir,
                text(t, row, "namerule", where), text(t, row, "namerule2", where),
                text(t, row, "defaultname", where), hidden != null && hidden == 1);
    }

    private DedeArticle article(Map<String, Object> row) {
        String t = DedeTables.ARCHIVES;
        rowInvalid = false;
        Long id = number(t, row, "id", null);
        if (id == null) {
            return null;
        }
        String where = "aid " + id;
        Long typeid = number(t, row, "typeid", where);
        Long arcrank = number(t, row, "arcrank", where);
        Long pubdate = number(t, row, "pubdate", where);
        String title = text(t, row, "title", where);
        if (typeid == null || arcrank == null || pubdate == null || title == null) {
            return null;
        }
        Long sortrank = number(t, row, "sortrank", where);
        Long click = number(t, row, "click", where);
        Long senddate = number(t, row, "senddate", where);
        Long ismake = number(t, row, "ismake", where);
        DedeArticle article = new DedeArticle(id, typeid, sortrank == null ? pubdate : sortrank,
                text(t, row, "flag", where), arcrank.intValue(), click == null ? 0 : click, title,
                text(t, row, "shorttitle", where), text(t, row, "writer", where), text(t, row, "source", where),
                text(t, row, "litpic", where), pubdate, senddate == null ? pubdate : senddate,
                text(t, row, "keywords", where), text(t, row, "description", where),
                text(t, row, "filename", where), ismake == null ? 0 : ismake.intValue());
        return invalid(row) ? null : article;
    }

    /** Set by {@link #text} and {@link #number} when a row had a value they reported: the row is skipped. */
    private boolean rowInvalid;

    private boolean invalid(Map<String, Object> row) {
        boolean was = rowInvalid;
        rowInvalid = false;
        return was;
    }

    private String text(String table, Map<String, Object> row, String column, String where) {
        Object value = row.get(column);
        if (value instanceof Undecodable u) {
            report.skip("undecodable bytes (not " + charset.name() + ")", where + ": " + column + ", "
                    + u.preview());
            rowInvalid = true;
            return null;
        }
        return (String) value;
    }

    private Long number(String table, Map<String, Object> row, String column, String where) {
        Object value = row.get(column);
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value.toString().strip());
        } catch (NumberFormatException e) {
            report.skip("not a number in " + prefix + table + "." + column, (where == null ? "" : where + ": ")
                    + (value instanceof Undecodable u ? u.preview() : "'" + value + "'"));
            rowInvalid = true;
            return null;
        }
    }

    // ---- reading -------------------------------------------------------------------------------------------------

    private void read(Set<String> wanted, boolean firstPass, BiConsumer<String, Map<String, Object>> rows)
            throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            new SqlDumpReader(in, charset).read(new Rows(wanted, firstPass, rows));
        }
    }

    /** Maps each row's values to its column names, and checks the columns once per statement shape. */
    private final class Rows implements DumpHandler {

        private final Set<String> wanted;
        private final boolean firstPass;
        private final BiConsumer<String, Map<String, Object>> rows;
        private final Map<String, List<String>> declared = new HashMap<>();
        private final Set<String> checkedShapes = new HashSet<>();
        private final Set<String> refusedShapes = new HashSet<>();

        Rows(Set<String> wanted, boolean firstPass, BiConsumer<String, Map<String, Object>> rows) {
            this.wanted = wanted;
            this.firstPass = firstPass;
            this.rows = rows;
        }

        @Override
        public boolean wants(String table) {
            String name = DedeTables.shortName(table, prefix);
            return name != null && wanted.contains(name);
        }

        @Override
        public void columns(String table, List<String> columns) {
            String name = DedeTables.shortName(table, prefix);
            if (name != null) {
                declared.put(name, columns.stream().map(c -> c.toLowerCase(java.util.Locale.ROOT)).toList());
            }
        }

        @Override
        public void row(String table, List<String> columns, List<Object> values) {
            String name = DedeTables.shortName(table, prefix);
            List<String> names = columns != null ? columns.stream()
                    .map(c -> c.toLowerCase(java.util.Locale.ROOT)).toList()
                    : declared.getOrDefault(name, DedeTables.DEFAULT_COLUMNS.get(name));
            String shape = name + names;
            if (checkedShapes.add(shape)) {
                List<String> missing = DedeTables.REQUIRED.get(name).stream().filter(c -> !names.contains(c))
                        .toList();
                if (!missing.isEmpty()) {
                    refusedShapes.add(shape);
                }
                List<String> unknown = names.stream()
                        .filter(c -> !DedeTables.DEFAULT_COLUMNS.get(name).contains(c)).toList();
                if (!unknown.isEmpty()) {
                    report.skip("unknown columns (ignored)", prefix + name + ": " + String.join(", ", unknown));
                }
            }
            String where = idOf(names, values);
            if (refusedShapes.contains(shape)) {
                report.skip("rows without required columns " + DedeTables.REQUIRED.get(name), prefix + name
                        + " " + where);
                return;
            }
            if (values.size() != names.size()) {
                report.skip("rows with a wrong number of values", prefix + name + " " + where + ": "
                        + values.size() + " values for " + names.size() + " columns");
                return;
            }
            Map<String, Object> row = new HashMap<>(names.size() * 2);
            for (int i = 0; i < names.size(); i++) {
                row.put(names.get(i), values.get(i));
            }
            rows.accept(name, row);
        }

        private static String idOf(List<String> names, List<Object> values) {
            int i = names.indexOf("id");
            if (i < 0) {
                i = names.indexOf("aid");
            }
            return i >= 0 && i < values.size() && values.get(i) instanceof String s ? "id " + s : "(no id)";
        }

        @Override
        public void problem(String table, String message) {
            // Both passes read the whole dump: each reports what concerns its own tables (the first, the rest).
            if (table == null ? !firstPass : !wants(table) && !(firstPass && DedeTables.shortName(table, prefix)
                    == null)) {
                return;
            }
            report.skip("unreadable dump", (table == null ? "" : table + ": ") + message);
        }
    }
}
