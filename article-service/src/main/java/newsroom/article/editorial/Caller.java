package newsroom.article.editorial;

import java.util.Set;
import newsroom.platform.security.Roles;

/**
 * Who is asking, with every role they hold after the role hierarchy (an editor is also a writer). Writers may only
 * work on the articles they created; editors on all of them.
 */
public record Caller(String username, Set<String> roles) {

    public Caller {
        roles = Set.copyOf(roles);
    }

    /** The scheduler and other work the service does on its own. */
    public static Caller system(String name) {
        return new Caller(name, Set.of(Roles.EDITOR, Roles.WRITER));
    }

    public boolean isEditor() {
        return roles.contains(Roles.EDITOR);
    }

    public boolean isWriter() {
        return roles.contains(Roles.WRITER);
    }

    public boolean owns(Article article) {
        return username.equals(article.getCreatedBy());
    }
}
