package newsroom.platform.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Resource-server mode: the roles of a bearer token come from one claim ({@code roles} by default; a dotted name such
 * as {@code realm_access.roles} walks nested objects, as Keycloak issues them). The claim may be a list or a
 * space/comma separated string; "editor", "EDITOR" and "ROLE_EDITOR" are the same role. Unknown roles are dropped,
 * so an identity provider's own roles grant nothing here. The user name is {@code preferred_username}, else the
 * subject.
 */
public class JwtRolesConverter implements Converter<Jwt, AbstractAuthenticationToken> {

    private final String rolesClaim;
    private final String usernameClaim;

    public JwtRolesConverter(String rolesClaim, String usernameClaim) {
        this.rolesClaim = rolesClaim;
        this.usernameClaim = usernameClaim;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        String name = jwt.hasClaim(usernameClaim) ? jwt.getClaimAsString(usernameClaim) : jwt.getSubject();
        return new JwtAuthenticationToken(jwt, authorities(jwt), name);
    }

    Collection<GrantedAuthority> authorities(Jwt jwt) {
        Set<GrantedAuthority> authorities = new LinkedHashSet<>();
        for (String role : rolesIn(claim(jwt.getClaims(), rolesClaim))) {
            String normalized = Roles.normalize(role);
            if (normalized != null && Roles.ALL.contains(normalized)) {
                authorities.add(new SimpleGrantedAuthority("ROLE_" + normalized));
            }
        }
        return List.copyOf(authorities);
    }

    private static Object claim(Map<String, Object> claims, String path) {
        Object value = claims;
        for (String part : path.split("\\.")) {
            if (!(value instanceof Map<?, ?> map)) {
                return null;
            }
            value = map.get(part);
        }
        return value;
    }

    private static List<String> rolesIn(Object claim) {
        List<String> roles = new ArrayList<>();
        if (claim instanceof Collection<?> values) {
            values.forEach(v -> roles.add(String.valueOf(v)));
        } else if (claim instanceof String text) {
            roles.addAll(List.of(text.split("[\\s,]+")));
        }
        return roles;
    }
}
