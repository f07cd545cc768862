package newsroom.importer.dump;

import java.util.List;

/** What {@link SqlDumpReader} finds in a dump, statement by statement, row by row. */
public interface DumpHandler {

    /** Whether the rows of this table are wanted; the others are skipped without decoding them. */
    boolean wants(String table);

    /** The columns of a table, in order, from its {@code CREATE TABLE}. */
    void columns(String table, List<String> columns);

    /**
     * One row of an {@code INSERT}.
     *
     * @param columns the statement's column list, or null when it has none (then the table's order applies)
     * @param values  per column: a {@link String}, null for {@code NULL}, or {@link Undecodable}
     */
    void row(String table, List<String> columns, List<Object> values);

    /** Something the reader could not read: a truncated dump, a malformed statement. */
    void problem(String table, String message);
}
