package newsroom.platform.security;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import org.springframework.dao.DuplicateKeyException;

/**
 * Local mode: makes sure an admin can log in, and creates the configured demo accounts. The admin password comes
 * from {@code newsroom.security.seed.admin-password} (NEWSROOM_ADMIN_PASSWORD); when that is blank a random one is
 * generated and printed once. A configured password is re-applied at every start (the environment is the source of
 * truth for the admin); demo accounts are only created when missing, so changes made through the API stay.
 * Prints how to log in.
 */
public class AccountSeeder implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AccountSeeder.class);
    static final String ADMIN_PASSWORD_VARIABLE = "NEWSROOM_ADMIN_PASSWORD";

    private final LocalAccounts accounts;
    private final NewsroomSecurityProperties.Seed seed;
    private final Environment environment;
    private final boolean localMode;

    public AccountSeeder(LocalAccounts accounts, NewsroomSecurityProperties.Seed seed, Environment environment,
            boolean localMode) {
        this.accounts = accounts;
        this.localMode = localMode;
        this.seed = seed;
        this.environment = environment;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!localMode) {
            log.info("Bearer-token mode: users come from the identity provider, no local accounts are seeded");
            return;
        }
        String username = LocalAccounts.normalizeUsername(seed.getAdminUsername());
        String configured = seed.getAdminPassword();
        boolean fromEnvironment = environment.getProperty(ADMIN_PASSWORD_VARIABLE) != null;
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        var existing = accounts.find(username);
        if (existing.isEmpty()) {
            String password = configured == null || configured.isBlank() ? randomPassword() : configured;
            try {
                accounts.create(username, password, List.of(Roles.ADMIN), "Administrator");
            } catch (DuplicateKeyException anotherReplicaWasFaster) {
                log.debug("Admin account created concurrently by another replica");
            }
            if (configured == null || configured.isBlank()) {
                log.warn("Created local admin account '{}' with generated password: {}  (set {} to choose one)",
                        username, password, ADMIN_PASSWORD_VARIABLE);
            }
        } else if (configured != null && !configured.isBlank()
                && !accounts.passwordMatches(existing.get(), configured)) {
            accounts.update(username, configured, null, null, true);
            log.info("Admin password of '{}' reset to the configured one", username);
        }
        for (NewsroomSecurityProperties.SeedAccount demo : seed.getAccounts()) {
            if (accounts.find(demo.getUsername()).isEmpty()) {
                try {
                    accounts.create(demo.getUsername(), demo.getPassword(), demo.getRoles(), demo.getDisplayName());
                } catch (DuplicateKeyException anotherReplicaWasFaster) {
                    log.debug("Account {} created concurrently", demo.getUsername());
                }
            }
        }
        StringBuilder howTo = new StringBuilder("Local accounts (HTTP Basic): ").append(username).append(" / ");
        if (configured == null || configured.isBlank()) {
            howTo.append("<generated or previously set password>");
        } else if (fromEnvironment) {
            howTo.append("<the password in ").append(ADMIN_PASSWORD_VARIABLE).append('>');
        } else {
            howTo.append(configured).append(" (the configured default; set ").append(ADMIN_PASSWORD_VARIABLE)
                    .append(" to change it)");
        }
        for (NewsroomSecurityProperties.SeedAccount demo : seed.getAccounts()) {
            howTo.append(", ").append(demo.getUsername()).append(" / ").append(demo.getPassword())
                    .append(' ').append(demo.getRoles());
        }
        howTo.append(". Try: curl -u ").append(username).append(":PASSWORD http://localhost:").append(port)
                .append(seed.getHintPath());
        log.info(howTo.toString());
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
