package newsroom.importer.dump;

import java.util.HexFormat;

/**
 * A string value whose bytes are not valid in the dump's character set (a GBK dump read as UTF-8, a row damaged on
 * its way): kept as such so the row can be reported with its id and skipped, never imported with replacement
 * characters.
 */
public record Undecodable(byte[] bytes, int offset) {

    /** The bytes around the first one that does not decode, for the report. */
    public String preview() {
        int from = Math.max(0, offset - 4);
        int to = Math.min(bytes.length, offset + 4);
        return "bytes " + HexFormat.ofDelimiter(" ").formatHex(bytes, from, to) + " at offset " + offset;
    }
}
