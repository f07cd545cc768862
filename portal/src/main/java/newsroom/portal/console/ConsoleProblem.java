package newsroom.portal.console;

/**
 * A service refused or could not do what the editor asked; {@link #getMessage()} says why, in words fit for the
 * console (article-service's problem detail, or "unavailable"). {@code status} is the service's HTTP status, or 503.
 */
public class ConsoleProblem extends RuntimeException {

    private final int status;

    public ConsoleProblem(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
