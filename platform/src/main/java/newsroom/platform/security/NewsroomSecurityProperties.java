package newsroom.platform.security;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code newsroom.security.*}: who may call what. Requests are matched in this order: {@link #getPublicPaths() public
 * paths}, then {@link #getRules() rules} top to bottom, then {@link #getDefaultAccess() the default}. Authentication is
 * HTTP Basic against local accounts together with the newsroom's own bearer tokens ({@link Tokens}), or — when
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} (or another JWT decoder setting) is present — bearer
 * JWTs of that outside issuer whose roles come from a claim.
 *
 * <pre>
 * newsroom:
 *   security:
 *     public-paths: ["GET /api/articles/**", "/feeds/**"]
 *     rules:
 *       - paths: ["/api/admin/**"]
 *         roles: [ADMIN]
 *       - paths: ["/api/editorial/**"]
 *         roles: [WRITER]          # editors and admins too, by the role hierarchy
 *     default-access: authenticated
 * </pre>
 */
@ConfigurationProperties("newsroom.security")
public class NewsroomSecurityProperties {

    public enum Access { PERMIT_ALL, AUTHENTICATED, DENY_ALL }

    /** Switches the Newsroom filter chain off entirely (a service may also declare its own SecurityFilterChain). */
    private boolean enabled = true;

    /** Paths anyone may call, as "/path/**" (any method) or "GET /path/**". */
    private List<String> publicPaths = new ArrayList<>();

    /** Paths that need one of the listed roles (or a role above them), checked in order. */
    private List<Rule> rules = new ArrayList<>();

    /** What everything else needs. The default keeps services that configure nothing open, as they were. */
    private Access defaultAccess = Access.PERMIT_ALL;

    /** Paths without CSRF protection: stateless APIs called with Basic or bearer credentials, never with cookies. */
    private List<String> csrfIgnoredPaths = new ArrayList<>(List.of("/api/**"));

    /** The realm named in {@code WWW-Authenticate: Basic}. */
    private String realm = "newsroom";

    /** BCrypt work factor for new password hashes (4..31); tests lower it, production keeps 10 or more. */
    private int bcryptStrength = 10;

    /**
     * Paths whose handler checks credentials itself (a token endpoint): the HTTP Basic filter leaves them alone, so
     * a guessed password is refused (and throttled) by that handler, not checked twice. List them as public too.
     */
    private List<String> selfAuthenticatedPaths = new ArrayList<>();

    private final Jwt jwt = new Jwt();

    private final Tokens tokens = new Tokens();

    private final Seed seed = new Seed();

    public static class Rule {
        private List<String> paths = new ArrayList<>();
        private List<String> roles = new ArrayList<>();

        public List<String> getPaths() { return paths; }
        public void setPaths(List<String> paths) { this.paths = paths; }
        public List<String> getRoles() { return roles; }
        public void setRoles(List<String> roles) { this.roles = roles; }
    }

    /** How roles and the user name are read from a JWT in resource-server mode. */
    public static class Jwt {
        /** Claim with the roles: a list or a space/comma separated string; dots walk nested objects. */
        private String rolesClaim = "roles";
        /** Claim with the user name; the subject when absent. */
        private String usernameClaim = "preferred_username";

        public String getRolesClaim() { return rolesClaim; }
        public void setRolesClaim(String rolesClaim) { this.rolesClaim = rolesClaim; }
        public String getUsernameClaim() { return usernameClaim; }
        public void setUsernameClaim(String usernameClaim) { this.usernameClaim = usernameClaim; }
    }

    /**
     * The newsroom's own access tokens (issued by article-service at {@code POST /api/auth/token}), accepted beside
     * HTTP Basic in local mode. Ignored when an outside issuer is configured (NEWSROOM_JWT_ISSUER_URI).
     */
    public static class Tokens {
        /** Whether bearer tokens are accepted at all in local mode. */
        private boolean enabled = true;
        /** The {@code iss} the tokens carry and every service requires. */
        private String issuer = "newsroom";
        /** The {@code aud} the tokens carry and every service requires. */
        private String audience = "newsroom";
        /**
         * Where a service that does not sign fetches the public keys (once, and again only for an unknown key id).
         * Blank on article-service, which checks against its own keys.
         */
        private String jwkSetUri = "";

        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean enabled) { this.enabled = enabled; }
        public String getIssuer() { return issuer; }
        public void setIssuer(String issuer) { this.issuer = issuer; }
        public String getAudience() { return audience; }
        public void setAudience(String audience) { this.audience = audience; }
        public String getJwkSetUri() { return jwkSetUri; }
        public void setJwkSetUri(String jwkSetUri) { this.jwkSetUri = jwkSetUri; }
    }

    /** Accounts created at start-up in local (HTTP Basic) mode. */
    public static class Seed {
        /** Whether this service keeps local accounts at all and seeds them. */
        private boolean enabled = false;
        private String adminUsername = "admin";
        /** Blank: a random password is generated and printed once, when the admin account is first created. */
        private String adminPassword = "";
        /** Further accounts, e.g. the demo editor and writer of the local profile; created only when missing. */
        private List<SeedAccount> accounts = new ArrayList<>();
        /** The path shown in the start-up hint ("Try: curl -u admin:PASSWORD http://localhost:PORT/..."). */
        private String hintPath = "/";

        public String getHintPath() { return hintPath; }
        public void setHintPath(String hintPath) { this.hintPath = hintPath; }
        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean enabled) { this.enabled = enabled; }
        public String getAdminUsername() { return adminUsername; }
        public void setAdminUsername(String adminUsername) { this.adminUsername = adminUsername; }
        public String getAdminPassword() { return adminPassword; }
        public void setAdminPassword(String adminPassword) { this.adminPassword = adminPassword; }
        public List<SeedAccount> getAccounts() { return accounts; }
        public void setAccounts(List<SeedAccount> accounts) { this.accounts = accounts; }
    }

    public static class SeedAccount {
        private String username;
        private String password;
        private List<String> roles = new ArrayList<>();
        private String displayName;

        public String getUsername() { return username; }
        public void setUsername(String username) { this.username = username; }
        public String getPassword() { return password; }
        public void setPassword(String password) { this.password = password; }
        public List<String> getRoles() { return roles; }
        public void setRoles(List<String> roles) { this.roles = roles; }
        public String getDisplayName() { return displayName; }
        public void setDisplayName(String displayName) { this.displayName = displayName; }
    }

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public List<String> getPublicPaths() { return publicPaths; }
    public void setPublicPaths(List<String> publicPaths) { this.publicPaths = publicPaths; }
    public List<Rule> getRules() { return rules; }
    public void setRules(List<Rule> rules) { this.rules = rules; }
    public Access getDefaultAccess() { return defaultAccess; }
    public void setDefaultAccess(Access defaultAccess) { this.defaultAccess = defaultAccess; }
    public List<String> getCsrfIgnoredPaths() { return csrfIgnoredPaths; }
    public void setCsrfIgnoredPaths(List<String> csrfIgnoredPaths) { this.csrfIgnoredPaths = csrfIgnoredPaths; }
    public String getRealm() { return realm; }
    public void setRealm(String realm) { this.realm = realm; }
    public int getBcryptStrength() { return bcryptStrength; }
    public void setBcryptStrength(int bcryptStrength) { this.bcryptStrength = bcryptStrength; }
    public Jwt getJwt() { return jwt; }
    public Tokens getTokens() { return tokens; }
    public List<String> getSelfAuthenticatedPaths() { return selfAuthenticatedPaths; }
    public void setSelfAuthenticatedPaths(List<String> paths) { this.selfAuthenticatedPaths = paths; }
    public Seed getSeed() { return seed; }
}
