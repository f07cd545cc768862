package newsroom.platform.web;

import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;

/** Finds which JSON field a parse or binding failure happened at, so the problem can name it. */
final class JsonErrorLocation {

    private JsonErrorLocation() {
    }

    static String fieldOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
                String path = jackson.getPath().stream()
                        .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                        .collect(Collectors.joining("."));
                return path.isEmpty() ? null : path.replace(".[", "[");
            }
        }
        return null;
    }
}
