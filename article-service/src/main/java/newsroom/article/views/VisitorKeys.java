package newsroom.article.views;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * An anonymous visitor key: HMAC-SHA256 over the visitor's address, browser and language, keyed by a salt derived
 * from a secret and the UTC date. The salt changes every day, so keys cannot be linked across days; every replica
 * derives the same salt from the shared secret, so a visitor has one key per day whichever replica counts them; the
 * address itself is never stored or sent anywhere.
 */
@Component
public class VisitorKeys {

    private final byte[] secret;
    /** The salt of the day last asked for: derived once a day rather than on every beacon. */
    private volatile DailySalt today = new DailySalt(null, null);

    public VisitorKeys(@Value("${newsroom.visitor.salt-secret}") String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    public String keyOf(LocalDate day, String address, String userAgent, String acceptLanguage) {
        DailySalt salt = today;
        if (!day.equals(salt.day())) {
            salt = new DailySalt(day, hmac(secret, "visitor-salt:" + day));
            today = salt;
        }
        byte[] dailySalt = salt.salt();
        byte[] key = hmac(dailySalt, nullToEmpty(address) + '\n' + nullToEmpty(userAgent) + '\n'
                + nullToEmpty(acceptLanguage));
        return HexFormat.of().formatHex(key, 0, 16);
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    private record DailySalt(LocalDate day, byte[] salt) {
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
