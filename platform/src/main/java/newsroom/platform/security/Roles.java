package newsroom.platform.security;

import java.util.Locale;
import java.util.Set;

/**
 * The newsroom's roles. A role is granted as the authority {@code ROLE_<NAME>}; each role implies the ones below it
 * ({@link #HIERARCHY}): an admin can do what an editor can, an editor what a writer can.
 *
 * <ul>
 *   <li>{@link #WRITER}: writes own drafts and submits them for review</li>
 *   <li>{@link #EDITOR}: reviews, publishes, schedules, unpublishes, edits any article</li>
 *   <li>{@link #ADMIN}: manages user accounts (categories belong to category-service)</li>
 * </ul>
 */
public final class Roles {

    public static final String WRITER = "WRITER";
    public static final String EDITOR = "EDITOR";
    public static final String ADMIN = "ADMIN";

    public static final Set<String> ALL = Set.of(WRITER, EDITOR, ADMIN);

    /** In Spring Security's role-hierarchy notation (without the {@code ROLE_} prefix). */
    public static final String HIERARCHY = ADMIN + " > " + EDITOR + "\n" + EDITOR + " > " + WRITER;

    private Roles() {
    }

    /** "editor", "ROLE_EDITOR", " Editor " all become "EDITOR"; anything blank becomes null. */
    public static String normalize(String role) {
        if (role == null || role.isBlank()) {
            return null;
        }
        String upper = role.strip().toUpperCase(Locale.ROOT);
        return upper.startsWith("ROLE_") ? upper.substring("ROLE_".length()) : upper;
    }

    public static String authority(String role) {
        return "ROLE_" + normalize(role);
    }
}
