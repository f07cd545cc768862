package newsroom.portal.console;

import java.io.Serializable;
import java.util.List;

/**
 * Who is signed in to the console, kept in the server-side session (see {@link ArticleServiceAuthentication} for
 * why). {@code token} is the access token the console sends to the services on this user's behalf; it never goes to
 * the browser, and {@link #toString()} leaves it out of logs.
 *
 * @param roles the account's roles, from the token article-service issued at sign-in
 * @param admin whether the account is an admin (admins also manage the category tree)
 */
public record ConsoleUser(String username, String displayName, List<String> roles, boolean admin,
        ConsoleToken token) implements Serializable {

    /** The Authorization header of calls made for this user: the session's current bearer token. */
    public String authorization() {
        return token.authorization();
    }

    @Override
    public String toString() {
        return "ConsoleUser[" + username + ", roles=" + roles + "]";
    }
}
