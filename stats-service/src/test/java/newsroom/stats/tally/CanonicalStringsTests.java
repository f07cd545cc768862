package newsroom.stats.tally;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CanonicalStringsTests {

    private final CanonicalStrings strings = new CanonicalStrings();

    private String of(String text) {
        byte[] padded = ("<<" + text + ">>").getBytes(StandardCharsets.US_ASCII); // a window of the payload
        return strings.of(padded, 2, text.length());
    }

    @Test
    void equalValuesComeBackAsOneInstance() {
        String first = of("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0.0.0");
        String again = of("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0.0.0");

        assertThat(again).isSameAs(first).isEqualTo("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
                + "Chrome/120.0.0.0");
    }

    @Test
    void valuesThatDifferOnlyBetweenSampledCharactersStayApart() {
        // The hash samples every (length / 16)th character of a long value: these differ in one unsampled place.
        String chrome120 = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/120.0.0.0 Safari/537.36";
        int unsampled = (chrome120.length() >>> 4) + 1;
        byte[] changed = chrome120.getBytes(StandardCharsets.US_ASCII);
        changed[unsampled]++;
        String chrome119 = new String(changed, StandardCharsets.US_ASCII);

        assertThat(of(chrome120)).isEqualTo(chrome120);
        assertThat(of(chrome119)).isEqualTo(chrome119);
        assertThat(of(chrome120)).isEqualTo(chrome120);
        assertThat(CanonicalStrings.sampleHash(chrome120.getBytes(StandardCharsets.US_ASCII), 0, chrome120.length()))
                .isEqualTo(CanonicalStrings.sampleHash(chrome119.getBytes(StandardCharsets.US_ASCII), 0,
                        chrome119.length()));
    }

    @Test
    void manyValuesGrowTheTableAndAFullTableStartsOver() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < CanonicalStrings.MAX_SIZE + 10; i++) {
            String value = of("article-" + i);
            assertThat(value).isEqualTo("article-" + i);
            seen.add(value);
        }
        assertThat(seen).hasSize(CanonicalStrings.MAX_SIZE + 10);
        assertThat(strings.size()).isLessThanOrEqualTo(CanonicalStrings.MAX_SIZE).isPositive();
        assertThat(of("article-" + (CanonicalStrings.MAX_SIZE + 5))).isEqualTo("article-" + (CanonicalStrings.MAX_SIZE + 5));
    }
}
