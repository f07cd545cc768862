package newsroom.article.editorial;

import java.util.Set;
import java.util.stream.Collectors;
import newsroom.platform.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** The {@link Caller} of the current request, from Spring Security's context. */
@Component
public class Callers {

    private final RoleHierarchy hierarchy;

    Callers(RoleHierarchy hierarchy) {
        this.hierarchy = hierarchy;
    }

    public Caller current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated() || auth.getName() == null) {
            throw new ProblemException(HttpStatus.UNAUTHORIZED, null, "Sign in to call this endpoint");
        }
        Set<String> roles = hierarchy.getReachableGrantedAuthorities(auth.getAuthorities()).stream()
                .map(GrantedAuthority::getAuthority)
                .filter(a -> a != null && a.startsWith("ROLE_"))
                .map(a -> a.substring("ROLE_".length()))
                .collect(Collectors.toSet());
        return new Caller(auth.getName(), roles);
    }
}
