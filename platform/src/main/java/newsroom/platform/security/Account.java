package newsroom.platform.security;

import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A local account (HTTP Basic mode). The password is kept only as a BCrypt hash ({@code {bcrypt}$2a$...}); roles are
 * {@link Roles} names without the {@code ROLE_} prefix.
 */
@Document(LocalAccounts.COLLECTION)
public record Account(
        @Id String username,
        String passwordHash,
        List<String> roles,
        String displayName,
        boolean enabled,
        Instant createdAt,
        Instant updatedAt) {

    public Account {
        roles = roles == null ? List.of() : List.copyOf(roles);
    }
}
