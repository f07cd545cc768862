package newsroom.portal.console;

import java.io.Serializable;
import java.util.List;

/**
 * Who is signed in to the console, kept in the server-side session (see {@link ArticleServiceAuthentication} for why
 * the credentials are kept there). {@code authorization} is the HTTP Basic header the console sends to the services
 * on this user's behalf; it never goes to the browser, and {@link #toString()} leaves it out of logs.
 *
 * @param roles the user's roles as article-service lists them to admins; empty for other users, whose roles
 *              article-service does not reveal (it still enforces them on every call)
 * @param admin whether article-service lists this user as an admin (admins also manage the category tree)
 */
public record ConsoleUser(String username, String displayName, List<String> roles, boolean admin,
        String authorization) implements Serializable {

    @Override
    public String toString() {
        return "ConsoleUser[" + username + ", roles=" + roles + "]";
    }
}
