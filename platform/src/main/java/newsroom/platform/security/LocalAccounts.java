package newsroom.platform.security;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Local accounts in the service's own MongoDB database (collection {@value #COLLECTION}), checked by HTTP Basic.
 * User names are case-insensitive (stored in lower case). Only used in local mode; with a JWT issuer configured the
 * identity provider owns the users.
 */
public class LocalAccounts implements UserDetailsService {

    public static final String COLLECTION = "accounts";

    private final MongoTemplate mongo;
    private final PasswordEncoder passwords;
    private final Clock clock;

    public LocalAccounts(MongoTemplate mongo, PasswordEncoder passwords, Clock clock) {
        this.mongo = mongo;
        this.passwords = passwords;
        this.clock = clock;
    }

    public static String normalizeUsername(String username) {
        return username == null ? null : username.strip().toLowerCase(Locale.ROOT);
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        Account account = find(username).orElseThrow(() -> new UsernameNotFoundException("No such account"));
        return User.withUsername(account.username())
                .password(account.passwordHash())
                .roles(account.roles().toArray(String[]::new))
                .disabled(!account.enabled())
                .build();
    }

    public Optional<Account> find(String username) {
        String id = normalizeUsername(username);
        return id == null ? Optional.empty() : Optional.ofNullable(mongo.findById(id, Account.class));
    }

    public List<Account> list() {
        return mongo.find(new Query().with(Sort.by("_id")), Account.class);
    }

    /**
     * @throws DuplicateKeyException when the user name is taken
     */
    public Account create(String username, String rawPassword, Collection<String> roles, String displayName) {
        Instant now = clock.instant();
        return mongo.insert(new Account(normalizeUsername(username), passwords.encode(rawPassword), normalize(roles),
                displayName, true, now, now));
    }

    /** Changes what is given (non-null) and keeps the rest. */
    public Optional<Account> update(String username, String rawPassword, Collection<String> roles,
            String displayName, Boolean enabled) {
        return find(username).map(a -> {
            Account changed = new Account(a.username(),
                    rawPassword == null ? a.passwordHash() : passwords.encode(rawPassword),
                    roles == null ? a.roles() : normalize(roles),
                    displayName == null ? a.displayName() : displayName,
                    enabled == null ? a.enabled() : enabled,
                    a.createdAt(), clock.instant());
            return mongo.save(changed);
        });
    }

    public boolean delete(String username) {
        return mongo.remove(query(where("_id").is(normalizeUsername(username))), Account.class).getDeletedCount() > 0;
    }

    public boolean passwordMatches(Account account, String rawPassword) {
        return rawPassword != null && passwords.matches(rawPassword, account.passwordHash());
    }

    public long countEnabledWithRole(String role) {
        return mongo.count(query(where("roles").is(Roles.normalize(role)).and("enabled").is(true)), Account.class);
    }

    private static List<String> normalize(Collection<String> roles) {
        return roles.stream().map(Roles::normalize).filter(Objects::nonNull).distinct().sorted().toList();
    }
}
