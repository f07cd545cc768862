package newsroom.importer.dump;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a {@code mysqldump} as a stream of statements, never the whole file at once: {@code CREATE TABLE} for the
 * column order, {@code INSERT}/{@code REPLACE ... VALUES (...),(...)} with or without a column list, one row at a
 * time; everything else (comments, {@code SET}, {@code LOCK TABLES}, {@code /*!40101 ...}) is skipped.
 *
 * <p>It works on bytes and decodes each string literal on its own, with the dump's character set and no
 * replacement: a literal that does not decode becomes {@link Undecodable}, so the row can be reported and skipped.
 * In the GB family (GBK, GB2312, GB18030) the second byte of a character can be {@code 0x5C} — a backslash in
 * ASCII — so there a byte from {@code 0x81} on and the byte after it are taken together, as MySQL's own escaping
 * does; in UTF-8 no byte of a multi-byte character is ASCII, so nothing special is needed.
 *
 * <p>String escapes are MySQL's: {@code \0 \' \" \b \n \r \t \Z \\}, {@code ''} for a quote, {@code \% \_} kept
 * with their backslash, any other {@code \x} is {@code x}.
 */
public final class SqlDumpReader {

    private static final Set<String> GB_FAMILY = Set.of("GBK", "GB2312", "GB18030", "X-EUC-CN", "EUC-CN");
    private static final int EOF = -1;

    private final InputStream in;
    private final Charset charset;
    private final boolean doubleByteLeads;
    private final CharsetDecoder decoder;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private byte[] literal = new byte[1024];
    private int literalLength;

    public SqlDumpReader(InputStream in, Charset charset) {
        this.in = in;
        this.charset = charset;
        this.doubleByteLeads = GB_FAMILY.contains(charset.name().toUpperCase(Locale.ROOT));
        this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    public Charset charset() {
        return charset;
    }

    public void read(DumpHandler handler) throws IOException {
        while (true) {
            int c = skipSpaceAndComments();
            if (c == EOF) {
                return;
            }
            if (c == ';') {
                next();
                continue;
            }
            String word = word();
            if (word.isEmpty()) {
                next();
                skipStatement(null, handler);
                continue;
            }
            switch (word.toUpperCase(Locale.ROOT)) {
                case "INSERT", "REPLACE" -> insert(handler);
                case "CREATE" -> create(handler);
                default -> skipStatement(null, handler);
            }
        }
    }

    // ---- statements ----------------------------------------------------------------------------------------------

    private void insert(DumpHandler handler) throws IOException {
        String table = null;
        while (table == null) {
            skipSpaceAndComments();
            String w = peek() == '`' ? null : word();
            if (w == null) {
                table = tableName();
            } else if (w.isEmpty()) {
                handler.problem(null, "INSERT without a table name");
                skipStatement(null, handler);
                return;
            } else if (!Set.of("INTO", "IGNORE", "LOW_PRIORITY", "DELAYED", "HIGH_PRIORITY")
                    .contains(w.toUpperCase(Locale.ROOT))) {
                table = unqualified(w);
            }
        }
        List<String> columns = null;
        int c = skipSpaceAndComments();
        if (c == '(') {
            next();
            columns = new ArrayList<>();
            while (true) {
                c = skipSpaceAndComments();
                if (c == ')') {
                    next();
                    break;
                }
                if (c == ',') {
                    next();
                    continue;
                }
                if (c == EOF) {
                    handler.problem(table, "the dump ends inside the column list of an INSERT (truncated)");
                    return;
                }
                columns.add(c == '`' ? quotedIdentifier() : word().toLowerCase(Locale.ROOT));
            }
        }
        skipSpaceAndComments();
        String values = word();
        if (!values.equalsIgnoreCase("VALUES") && !values.equalsIgnoreCase("VALUE")) {
            handler.problem(table, "INSERT without VALUES (" + values + "): skipped");
            skipStatement(table, handler);
            return;
        }
        boolean wanted = handler.wants(table);
        while (true) {
            c = skipSpaceAndComments();
            if (c == EOF) {
                handler.problem(table, "the dump ends inside an INSERT (truncated): its last row is incomplete");
                return;
            }
            if (c == ';') {
                next();
                return;
            }
            if (c == ',') {
                next();
                continue;
            }
            if (c != '(') {
                handler.problem(table, "unexpected '" + (char) c + "' between rows: the rest of the INSERT is "
                        + "skipped");
                skipStatement(table, handler);
                return;
            }
            next();
            List<Object> row = tuple(wanted);
            if (row == null) {
                handler.problem(table, "the dump ends inside an INSERT (truncated): its last row is incomplete");
                return;
            }
            if (wanted) {
                handler.row(table, columns, row);
            }
        }
    }

    /** The values of one row, after its {@code (}; null at the end of the input. */
    private List<Object> tuple(boolean keep) throws IOException {
        List<Object> values = keep ? new ArrayList<>() : null;
        while (true) {
            int c = skipSpace();
            switch (c) {
                case EOF -> {
                    return null;
                }
                case ')' -> {
                    next();
                    return keep ? values : List.of();
                }
                case ',' -> next();
                case '\'', '"' -> {
                    next();
                    if (!string(c, keep)) {
                        return null;
                    }
                    if (keep) {
                        values.add(decodeLiteral());
                    }
                }
                default -> {
                    String bare = bareValue();
                    if (bare == null) {
                        return null;
                    }
                    if (keep) {
                        values.add(bare.equalsIgnoreCase("NULL") ? null : bare);
                    }
                }
            }
        }
    }

    private void create(DumpHandler handler) throws IOException {
        skipSpaceAndComments();
        String kind = word();
        if (!kind.equalsIgnoreCase("TABLE")) {
            skipStatement(null, handler);
            return;
        }
        String table = null;
        while (table == null) {
            int c = skipSpaceAndComments();
            if (c == '`') {
                table = tableName();
            } else {
                String w = word();
                if (w.isEmpty()) {
                    skipStatement(null, handler);
                    return;
                }
                if (!Set.of("IF", "NOT", "EXISTS").contains(w.toUpperCase(Locale.ROOT))) {
                    table = unqualified(w);
                }
            }
        }
        if (skipSpaceAndComments() != '(') {
            skipStatement(table, handler);
            return;
        }
        next();
        List<String> columns = new ArrayList<>();
        boolean atDefinitionStart = true;
        int depth = 1;
        while (depth > 0) {
            int c = skipSpaceAndComments();
            if (c == EOF) {
                handler.problem(table, "the dump ends inside CREATE TABLE (truncated)");
                return;
            }
            if (atDefinitionStart) {
                atDefinitionStart = false;
                if (c == '`') {
                    columns.add(quotedIdentifier());
                    continue;
                }
                String w = word();
                if (!w.isEmpty() && !Set.of("PRIMARY", "KEY", "UNIQUE", "INDEX", "FULLTEXT", "SPATIAL",
                        "CONSTRAINT", "FOREIGN", "CHECK").contains(w.toUpperCase(Locale.ROOT))) {
                    columns.add(w.toLowerCase(Locale.ROOT));
                }
                continue;
            }
            next();
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 1) {
                atDefinitionStart = true;
            } else if (c == '\'' || c == '"') {
                if (!string(c, false)) {
                    handler.problem(table, "the dump ends inside CREATE TABLE (truncated)");
                    return;
                }
            } else if (c == '`') {
                position--;
                quotedIdentifier();
            }
        }
        handler.columns(table, columns);
        skipStatement(table, handler);
    }

    private void skipStatement(String table, DumpHandler handler) throws IOException {
        while (true) {
            int c = next();
            switch (c) {
                case EOF -> {
                    return;
                }
                case ';' -> {
                    return;
                }
                case '\'', '"' -> {
                    if (!string(c, false)) {
                        handler.problem(table, "the dump ends inside a string (truncated)");
                        return;
                    }
                }
                case '`' -> {
                    position--;
                    quotedIdentifier();
                }
                default -> {
                }
            }
        }
    }

    // ---- tokens --------------------------------------------------------------------------------------------------

    /**
     * Reads a string literal after its opening quote into {@link #literal} (when {@code keep}).
     *
     * @return false if the input ends first
     */
    private boolean string(int quote, boolean keep) throws IOException {
        literalLength = 0;
        while (true) {
            int c = next();
            if (c == EOF) {
                return false;
            }
            if (c == quote) {
                if (peek() == quote) {
                    next();
                    append(keep, quote);
                    continue;
                }
                return true;
            }
            if (c == '\\') {
                int e = next();
                if (e == EOF) {
                    return false;
                }
                switch (e) {
                    case '0' -> append(keep, 0);
                    case 'b' -> append(keep, '\b');
                    case 'n' -> append(keep, '\n');
                    case 'r' -> append(keep, '\r');
                    case 't' -> append(keep, '\t');
                    case 'Z' -> append(keep, 0x1A);
                    case '%', '_' -> {
                        append(keep, '\\');
                        append(keep, e);
                    }
                    default -> append(keep, e);
                }
                continue;
            }
            append(keep, c);
            if (doubleByteLeads && c >= 0x81 && c <= 0xFE) {
                int trail = next();
                if (trail == EOF) {
                    return false;
                }
                append(keep, trail);
            }
        }
    }

    private void append(boolean keep, int b) {
        if (!keep) {
            return;
        }
        if (literalLength == literal.length) {
            literal = java.util.Arrays.copyOf(literal, literal.length * 2);
        }
        literal[literalLength++] = (byte) b;
    }

    private Object decodeLiteral() {
        try {
            return decoder.reset().decode(ByteBuffer.wrap(literal, 0, literalLength)).toString();
        } catch (MalformedInputException | java.nio.charset.UnmappableCharacterException e) {
            int at = 0;
            // Find the first offending byte for the report: decode growing prefixes is too slow for long bodies,
            // so the decoder's own position is used.
            ByteBuffer bytes = ByteBuffer.wrap(literal, 0, literalLength);
            java.nio.CharBuffer chars = java.nio.CharBuffer.allocate(literalLength + 1);
            decoder.reset().decode(bytes, chars, true);
            at = bytes.position();
            return new Undecodable(java.util.Arrays.copyOf(literal, literalLength), at);
        } catch (CharacterCodingException e) {
            return new Undecodable(java.util.Arrays.copyOf(literal, literalLength), 0);
        }
    }

    /** A number, NULL, a hex literal or any other unquoted value, up to the next comma or parenthesis. */
    private String bareValue() throws IOException {
        StringBuilder s = new StringBuilder();
        while (true) {
            int c = peek();
            if (c == EOF) {
                return null;
            }
            if (c == ',' || c == ')') {
                return s.toString().strip();
            }
            if (c == '\'' && s.length() > 0) {
                // _binary'...' or b'...' / x'...': the literal's text is the value
                next();
                if (!string(c, true)) {
                    return null;
                }
                s.append(new String(literal, 0, literalLength, java.nio.charset.StandardCharsets.ISO_8859_1));
                continue;
            }
            s.append((char) next());
        }
    }

    private String word() throws IOException {
        StringBuilder s = new StringBuilder();
        while (true) {
            int c = peek();
            if (c == EOF || !(Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '.' || c == '@'
                    || c == '#')) {
                return s.toString();
            }
            s.append((char) next());
        }
    }

    private String quotedIdentifier() throws IOException {
        next();
        StringBuilder s = new StringBuilder();
        while (true) {
            int c = next();
            if (c == EOF) {
                return s.toString();
            }
            if (c == '`') {
                if (peek() == '`') {
                    next();
                } else {
                    return s.toString().toLowerCase(Locale.ROOT);
                }
            }
            s.append((char) c);
        }
    }

    /** {@code `table`} or {@code `db`.`table`}: the table. */
    private String tableName() throws IOException {
        String name = quotedIdentifier();
        while (peek() == '.') {
            next();
            name = peek() == '`' ? quotedIdentifier() : word().toLowerCase(Locale.ROOT);
        }
        return name;
    }

    private static String unqualified(String name) {
        int dot = name.lastIndexOf('.');
        return (dot >= 0 ? name.substring(dot + 1) : name).toLowerCase(Locale.ROOT);
    }

    private int skipSpace() throws IOException {
        while (true) {
            int c = peek();
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                next();
            } else {
                return c;
            }
        }
    }

    /** Skips blanks and comments ({@code -- }, {@code #}, {@code /* *\/}, including {@code /*!40101 ... *\/}). */
    private int skipSpaceAndComments() throws IOException {
        while (true) {
            int c = skipSpace();
            if (c == '#' || (c == '-' && peekAt(1) == '-')) {
                while (c != EOF && c != '\n') {
                    c = next();
                }
            } else if (c == '/' && peekAt(1) == '*') {
                next();
                next();
                int previous = 0;
                while (true) {
                    c = next();
                    if (c == EOF || (previous == '*' && c == '/')) {
                        break;
                    }
                    previous = c;
                }
            } else {
                return c;
            }
        }
    }

    // ---- bytes ---------------------------------------------------------------------------------------------------

    private int next() throws IOException {
        if (position == limit && !fill()) {
            return EOF;
        }
        return buffer[position++] & 0xFF;
    }

    private int peek() throws IOException {
        if (position == limit && !fill()) {
            return EOF;
        }
        return buffer[position] & 0xFF;
    }

    private int peekAt(int ahead) throws IOException {
        if (position + ahead >= limit) {
            // Keep what is left at the start of the buffer and read more behind it.
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            position = 0;
            int n = in.read(buffer, limit, buffer.length - limit);
            if (n > 0) {
                limit += n;
            }
            if (position + ahead >= limit) {
                return EOF;
            }
        }
        return buffer[position + ahead] & 0xFF;
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        if (n <= 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }
}
