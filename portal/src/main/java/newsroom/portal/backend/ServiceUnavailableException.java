package newsroom.portal.backend;

/**
 * A service the page needs did not answer usefully: refused the connection, timed out, answered 5xx, or its circuit
 * breaker is open. Pages decide whether they can do without it (stats, navigation) or must answer 503 (the article).
 */
public class ServiceUnavailableException extends RuntimeException {

    private final String service;

    public ServiceUnavailableException(String service, Throwable cause) {
        super(service + " is unavailable: " + (cause == null ? "unknown" : cause.getClass().getSimpleName() + ": "
                + cause.getMessage()), cause);
        this.service = service;
    }

    public String service() {
        return service;
    }
}
