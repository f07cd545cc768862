package newsroom.testing;

import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from the machine (a browser, Node.js): in CI ({@code CI=true}, as {@code .ci/run} and every
 * common CI service set it) a missing prerequisite fails the build, saying what is missing and how to install it —
 * a green build must mean the test ran. On a developer's machine without it the test is skipped, and says so on the
 * console as well as in the report.
 */
public final class Prerequisites {

    private Prerequisites() {
    }

    /** True where the {@code CI} environment variable is {@code true} (case-insensitive). */
    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /**
     * Passes when {@code present}; otherwise fails in CI, and skips the calling test elsewhere.
     *
     * @param what    what is missing, e.g. "/usr/bin/chromium"
     * @param install how to get it, e.g. "apt-get install -y chromium"
     */
    public static void require(boolean present, String what, String install) {
        if (present) {
            return;
        }
        String message = what + " is missing (" + install + ")";
        if (inCi()) {
            throw new AssertionError("CI=true and " + message + ": this test must run in CI, not be skipped");
        }
        System.out.println("SKIPPED: " + message + "; CI=true would fail here");
        Assumptions.abort("Skipped: " + message);
    }
}
