package newsroom.portal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * article-service's {@code POST /api/auth/token} on a {@link FakeService}: one account, answered with a token in the
 * shape article-service issues (its claims are what the console reads; the signature is the services' business).
 */
final class FakeTokenEndpoint {

    private FakeTokenEndpoint() {
    }

    /** The token the fake issues for this account: "Bearer " + this is what the services then receive. */
    static String token(String username, List<String> roles, String displayName, long lifetimeSeconds,
            String serial) {
        return token(username, roles, displayName, 0, lifetimeSeconds, serial);
    }

    /** A token issued {@code ageSeconds} ago, valid for {@code lifetimeSeconds} from its issue. */
    static String token(String username, List<String> roles, String displayName, long ageSeconds,
            long lifetimeSeconds, String serial) {
        long now = Instant.now().getEpochSecond() - ageSeconds;
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String claims = "{\"sub\":\"" + username + "\",\"iss\":\"newsroom\",\"aud\":[\"newsroom\"],\"iat\":" + now
                + ",\"exp\":" + (now + lifetimeSeconds) + ",\"jti\":\"" + serial + "\",\"roles\":"
                + roles.stream().map(r -> "\"" + r + "\"").toList() + ",\"name\":\"" + displayName + "\"}";
        return b64(header) + "." + b64(claims) + "." + b64("signature-" + serial);
    }

    /**
     * Answers Basic {@code username:password} with a token, anything else with 401; a Bearer token the fake issued is
     * exchanged for a fresh one (as article-service renews a session's token).
     */
    /** The tokens the fake has issued, in order. */
    static final class Issued {
        private final List<String> tokens = new java.util.concurrent.CopyOnWriteArrayList<>();

        /** Whether this Authorization header carries a token the fake issued. */
        boolean carriedBy(String authorization) {
            return authorization != null && authorization.startsWith("Bearer ")
                    && tokens.contains(authorization.substring(7));
        }

        String authorization(int index) {
            return "Bearer " + tokens.get(index);
        }
    }

    static Issued serve(FakeService articles, String username, String password, List<String> roles,
            String displayName, long lifetimeSeconds) {
        return serve(articles, username, password, roles, displayName, 0, lifetimeSeconds);
    }

    /** As above, every token already {@code ageSeconds} old when issued (to see renewal and expiry at once). */
    static Issued serve(FakeService articles, String username, String password, List<String> roles,
            String displayName, long ageSeconds, long lifetimeSeconds) {
        Issued issued = new Issued();
        String basic = "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        int[] serial = {0};
        articles.on("POST", "/api/auth/token", request -> {
            String authorization = request.header("Authorization");
            if (!basic.equals(authorization) && !issued.carriedBy(authorization)) {
                return FakeService.Reply.status(401);
            }
            String token = token(username, roles, displayName, ageSeconds, lifetimeSeconds, "t" + (++serial[0]));
            issued.tokens.add(token);
            return FakeService.Reply.json("{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\","
                    + "\"expires_in\":" + lifetimeSeconds + "}");
        });
        return issued;
    }

    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
