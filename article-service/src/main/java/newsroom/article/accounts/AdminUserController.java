package newsroom.article.accounts;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import newsroom.platform.security.Account;
import newsroom.platform.security.LocalAccounts;
import newsroom.platform.security.Roles;
import newsroom.platform.web.ProblemException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admins manage the local accounts (HTTP Basic mode). Passwords are stored as BCrypt hashes and never returned.
 * With a JWT issuer configured, users live in the identity provider and these accounts are not used.
 */
@RestController
@RequestMapping("/api/admin/users")
@Tag(name = "Users", description = "Local accounts (admins only)")
@SecurityRequirement(name = "basicAuth")
class AdminUserController {

    private static final String ROLE = "(?i)(ROLE_)?(WRITER|EDITOR|ADMIN)";

    private final LocalAccounts accounts;

    AdminUserController(LocalAccounts accounts) {
        this.accounts = accounts;
    }

    record UserView(String username, List<String> roles, String displayName, boolean enabled, Instant createdAt,
            Instant updatedAt) {
        static UserView of(Account a) {
            return new UserView(a.username(), a.roles(), a.displayName(), a.enabled(), a.createdAt(), a.updatedAt());
        }
    }

    record NewUser(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{3,40}",
                    message = "must be 3 to 40 letters, digits, dots, hyphens or underscores") String username,
            @NotBlank @Size(min = 10, max = 72, message = "must be 10 to 72 characters") String password,
            @NotEmpty List<@Pattern(regexp = ROLE, message = "must be WRITER, EDITOR or ADMIN") String> roles,
            @Size(max = 100) String displayName) {
    }

    record UserChange(
            @Size(min = 10, max = 72, message = "must be 10 to 72 characters") String password,
            List<@Pattern(regexp = ROLE, message = "must be WRITER, EDITOR or ADMIN") String> roles,
            @Size(max = 100) String displayName,
            Boolean enabled) {
    }

    @GetMapping
    List<UserView> list() {
        return accounts.list().stream().map(UserView::of).toList();
    }

    @GetMapping("/{username}")
    UserView get(@PathVariable String username) {
        return UserView.of(accounts.find(username).orElseThrow(() -> ProblemException.notFound("User", username)));
    }

    @PostMapping
    @Operation(summary = "Create an account (password 10-72 characters; roles WRITER, EDITOR, ADMIN)")
    ResponseEntity<UserView> create(@Valid @RequestBody NewUser user) {
        requireBcryptLength(user.password());
        try {
            Account created = accounts.create(user.username(), user.password(), user.roles(), user.displayName());
            return ResponseEntity.created(URI.create("/api/admin/users/" + created.username()))
                    .body(UserView.of(created));
        } catch (DuplicateKeyException e) {
            throw ProblemException.conflict("username", "the user name '" + user.username() + "' is taken");
        }
    }

    @PatchMapping("/{username}")
    @Operation(summary = "Change password, roles, display name or enabled (what is given)")
    UserView change(@PathVariable String username, @Valid @RequestBody UserChange change,
            Authentication caller) {
        requireBcryptLength(change.password());
        Account current = accounts.find(username).orElseThrow(() -> ProblemException.notFound("User", username));
        boolean losesAdmin = current.roles().contains(Roles.ADMIN) && current.enabled()
                && ((change.roles() != null && change.roles().stream().map(Roles::normalize)
                        .noneMatch(Roles.ADMIN::equals)) || Boolean.FALSE.equals(change.enabled()));
        if (losesAdmin) {
            requireNotLastAdmin(current, caller);
        }
        return UserView.of(accounts.update(username, change.password(), change.roles(), change.displayName(),
                change.enabled()).orElseThrow(() -> ProblemException.notFound("User", username)));
    }

    @DeleteMapping("/{username}")
    ResponseEntity<Void> delete(@PathVariable String username, Authentication caller) {
        Account current = accounts.find(username).orElseThrow(() -> ProblemException.notFound("User", username));
        if (current.roles().contains(Roles.ADMIN) && current.enabled()) {
            requireNotLastAdmin(current, caller);
        }
        accounts.delete(username);
        return ResponseEntity.noContent().build();
    }

    /** BCrypt reads at most 72 bytes: 72 characters of ASCII, but only 24 of Chinese. */
    private static void requireBcryptLength(String password) {
        if (password != null && password.getBytes(StandardCharsets.UTF_8).length > 72) {
            throw ProblemException.badRequest("password", "must be at most 72 bytes in UTF-8 (24 Chinese characters)");
        }
    }

    private void requireNotLastAdmin(Account account, Authentication caller) {
        if (account.username().equals(LocalAccounts.normalizeUsername(caller.getName()))) {
            throw new ProblemException(HttpStatus.CONFLICT, "username", "admins cannot demote or remove themselves");
        }
        if (accounts.countEnabledWithRole(Roles.ADMIN) <= 1) {
            throw new ProblemException(HttpStatus.CONFLICT, "username", "the last admin cannot be removed");
        }
    }
}
