package newsroom.importer.dump;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SqlDumpReaderTests {

    static final Charset GBK = Charset.forName("GBK");

    /** Everything the reader reported, in order. */
    static final class Recorder implements DumpHandler {
        final Map<String, List<String>> columns = new LinkedHashMap<>();
        final List<String> rowTables = new ArrayList<>();
        final List<List<String>> rowColumns = new ArrayList<>();
        final List<List<Object>> rows = new ArrayList<>();
        final List<String> problems = new ArrayList<>();
        final String wanted;

        Recorder(String wanted) {
            this.wanted = wanted;
        }

        @Override
        public boolean wants(String table) {
            return wanted == null || wanted.equals(table);
        }

        @Override
        public void columns(String table, List<String> cols) {
            columns.put(table, cols);
        }

        @Override
        public void row(String table, List<String> cols, List<Object> values) {
            rowTables.add(table);
            rowColumns.add(cols);
            rows.add(values);
        }

        @Override
        public void problem(String table, String message) {
            problems.add(table + ": " + message);
        }
    }

    static Recorder read(byte[] dump, Charset charset, String wanted) throws Exception {
        Recorder recorder = new Recorder(wanted);
        new SqlDumpReader(new ByteArrayInputStream(dump), charset).read(recorder);
        return recorder;
    }

    static Recorder read(String dump) throws Exception {
        return read(dump.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8, null);
    }

    @Test
    void readsExtendedInsertsWithAndWithoutColumnLists() throws Exception {
        Recorder r = read("""
                -- MySQL dump
                /*!40101 SET NAMES utf8 */;
                CREATE TABLE `dede_arctype` (
                  `id` int(10) unsigned NOT NULL AUTO_INCREMENT,
                  `typename` char(30) NOT NULL DEFAULT '' COMMENT 'name, (with) a comma',
                  `typedir` char(60) NOT NULL DEFAULT '',
                  PRIMARY KEY (`id`),
                  KEY `reid` (`id`,`typename`)
                ) ENGINE=MyISAM;
                INSERT INTO `dede_arctype` VALUES (1,'新闻中心','{cmspath}/a/news'),(2,'园区规划',NULL);
                INSERT INTO `db`.`dede_arctype` (`id`, `typedir`) VALUES (3, '/a/x');
                SET TIME_ZONE=@OLD_TIME_ZONE;
                """);

        assertThat(r.columns).containsEntry("dede_arctype", List.of("id", "typename", "typedir"));
        assertThat(r.rows).containsExactly(List.of("1", "新闻中心", "{cmspath}/a/news"),
                java.util.Arrays.asList("2", "园区规划", null), List.of("3", "/a/x"));
        assertThat(r.rowColumns.get(0)).isNull();
        assertThat(r.rowColumns.get(2)).containsExactly("id", "typedir");
        assertThat(r.rowTables).containsOnly("dede_arctype");
        assertThat(r.problems).isEmpty();
    }

    @Test
    void decodesMysqlEscapesInStrings() throws Exception {
        Recorder r = read("INSERT INTO t VALUES ('it\\'s','a\\\\b','line\\nnext\\r\\tend','q''q','\\\"x\\\"',"
                + "'100\\%','nul\\0',\"double 'quoted'\",-12.5,0x4142);");

        assertThat(r.rows.get(0)).containsExactly("it's", "a\\b", "line\nnext\r\tend", "q'q", "\"x\"", "100\\%",
                "nul\0", "double 'quoted'", "-12.5", "0x4142");
    }

    @Test
    void readsGbkWhoseSecondByteIsABackslash() throws Exception {
        // 誠 is CA 5C in GBK: a reader that looked at single bytes would take 5C for an escape and eat the quote.
        ByteArrayOutputStream dump = new ByteArrayOutputStream();
        dump.writeBytes("INSERT INTO t VALUES ('".getBytes(StandardCharsets.US_ASCII));
        dump.writeBytes("园区誠信".getBytes(GBK));
        dump.writeBytes("','O\\'Neil');".getBytes(StandardCharsets.US_ASCII));
        assertThat("誠".getBytes(GBK)[1]).isEqualTo((byte) 0x5C);

        Recorder r = read(dump.toByteArray(), GBK, null);

        assertThat(r.rows).containsExactly(List.of("园区誠信", "O'Neil"));
        assertThat(r.problems).isEmpty();
    }

    @Test
    void keepsBytesThatAreNotTheDumpsCharsetAsUndecodable() throws Exception {
        byte[] gbk = "INSERT INTO t VALUES (7,'新闻');".getBytes(GBK);

        Recorder asUtf8 = read(gbk, StandardCharsets.UTF_8, null);

        assertThat(asUtf8.rows.get(0).get(0)).isEqualTo("7");
        assertThat(asUtf8.rows.get(0).get(1)).isInstanceOf(Undecodable.class);
        assertThat(((Undecodable) asUtf8.rows.get(0).get(1)).preview()).contains("d0 c2").contains("offset 0");
    }

    @Test
    void reportsATruncatedDumpAndKeepsTheCompleteRowsBeforeIt() throws Exception {
        Recorder r = read("INSERT INTO t VALUES (1,'one'),(2,'two'),(3,'thr");

        assertThat(r.rows).containsExactly(List.of("1", "one"), List.of("2", "two"));
        assertThat(r.problems).singleElement().asString().contains("truncated");
    }

    @Test
    void skipsTablesNotWantedWithoutDecodingThem() throws Exception {
        byte[] dump = ("INSERT INTO other VALUES ('" + "x".repeat(100_000) + "');\n"
                + "INSERT INTO wanted VALUES (1);").getBytes(StandardCharsets.UTF_8);

        Recorder r = read(dump, StandardCharsets.UTF_8, "wanted");

        assertThat(r.rowTables).containsExactly("wanted");
    }

    @Test
    void readsRowsLargerThanItsBuffer() throws Exception {
        String body = "<p>" + "正文".repeat(100_000) + "</p>";

        Recorder r = read("INSERT INTO t VALUES (1,'" + body + "'),(2,'short');");

        assertThat(r.rows).containsExactly(List.of("1", body), List.of("2", "short"));
    }
}
