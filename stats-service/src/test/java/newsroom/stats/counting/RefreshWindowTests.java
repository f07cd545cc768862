package newsroom.stats.counting;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.datasketches.hash.MurmurHash3;
import org.junit.jupiter.api.Test;

class RefreshWindowTests {

    @Test
    void refreshKeysStayTheHashOfArticleBarVisitorSoStoredStateKeepsItsMeaning() {
        String longVisitor = "v".repeat(300); // longer than the per-thread buffer starts out
        for (String visitor : new String[] {"3f9a0c", longVisitor, "3f9a0c"}) {
            long expected = MurmurHash3.hash(("article-42|" + visitor).toCharArray(), RefreshWindow.REFRESH_SEED)[0];
            assertThat(RefreshWindow.refreshKey("article-42", visitor)).isEqualTo(expected);
        }
        assertThat(RefreshWindow.refreshKey("article-42", "a")).isNotEqualTo(RefreshWindow.refreshKey("article-4", "a"));
    }
}
