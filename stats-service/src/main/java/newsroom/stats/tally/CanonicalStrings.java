package newsroom.stats.tally;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One String instance per distinct value, looked up straight from the payload's bytes (ASCII: {@link ViewScanner}
 * reads only such values). Article ids, category ids
 * and User-Agents repeat across a million views with a few thousand distinct values; decoding each occurrence into a
 * new String costs an allocation, and every map lookup on it (bot verdicts, known articles, counter documents) would
 * hash its characters again. A canonical instance caches its hash and compares by identity first.
 *
 * <p>The lookup hashes a sample of the bytes (at most about 24 of them: a User-Agent is 100 to 200 characters,
 * and hashing them all, one multiply after the other, cost more than the rest of decoding a view), then compares
 * all of them, so values that share a sample cost a longer probe and nothing else.
 *
 * <p>Not thread-safe: each decoding thread has its own. Bounded: when it holds {@link #MAX_SIZE} values it starts
 * over, which costs nothing but new instances (nothing relies on identity, only on equality).
 */
final class CanonicalStrings {

    static final int MAX_SIZE = 1 << 16;
    private static final int INITIAL_CAPACITY = 1024;

    private String[] values = new String[INITIAL_CAPACITY];
    private byte[][] chars = new byte[INITIAL_CAPACITY][];
    private int[] hashes = new int[INITIAL_CAPACITY];
    private int size;

    /** The instance of the ASCII text in {@code text[offset, offset + length)}. */
    String of(byte[] text, int offset, int length) {
        int hash = sampleHash(text, offset, length);
        int mask = values.length - 1;
        for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
            byte[] candidate = chars[slot];
            if (candidate == null) {
                String value = new String(text, offset, length, StandardCharsets.ISO_8859_1);
                add(slot, value, Arrays.copyOfRange(text, offset, offset + length), hash);
                return value;
            }
            if (hashes[slot] == hash && Arrays.equals(candidate, 0, candidate.length, text, offset, offset + length)) {
                return values[slot];
            }
        }
    }

    int size() {
        return size;
    }

    /** The length, the last 8 characters and up to 16 more spread over the rest, mixed. */
    static int sampleHash(byte[] text, int offset, int length) {
        int h = length;
        int end = offset + length;
        int step = Math.max(1, length >>> 4);
        for (int i = offset; i < end - 8; i += step) {
            h = 31 * h + text[i];
        }
        for (int i = Math.max(offset, end - 8); i < end; i++) {
            h = 31 * h + text[i];
        }
        h *= 0x9E3779B9;
        return h ^ (h >>> 15);
    }

    private void add(int slot, String value, byte[] valueChars, int hash) {
        if (size >= MAX_SIZE) {
            values = new String[INITIAL_CAPACITY];
            chars = new byte[INITIAL_CAPACITY][];
            hashes = new int[INITIAL_CAPACITY];
            size = 0;
            slot = free(hash);
        }
        put(slot, value, valueChars, hash);
        size++;
        if (size * 2 > values.length) {
            String[] oldValues = values;
            byte[][] oldChars = chars;
            int[] oldHashes = hashes;
            values = new String[oldValues.length * 2];
            chars = new byte[oldValues.length * 2][];
            hashes = new int[oldValues.length * 2];
            for (int i = 0; i < oldValues.length; i++) {
                if (oldChars[i] != null) {
                    put(free(oldHashes[i]), oldValues[i], oldChars[i], oldHashes[i]);
                }
            }
        }
    }

    private int free(int hash) {
        int mask = values.length - 1;
        int slot = hash & mask;
        while (chars[slot] != null) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void put(int slot, String value, byte[] valueChars, int hash) {
        values[slot] = value;
        chars[slot] = valueChars;
        hashes[slot] = hash;
    }
}
