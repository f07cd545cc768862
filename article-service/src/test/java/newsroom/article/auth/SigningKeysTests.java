package newsroom.article.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import newsroom.platform.security.LocalTokenDecoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.security.oauth2.jwt.JwtException;

/** Keys that survive a restart, come from configuration, and rotate without invalidating tokens in flight. */
class SigningKeysTests {

    @TempDir
    Path dir;

    @Test
    void aGeneratedKeyFileIsReusedAtTheNextStartSoTokensSurviveARestart() {
        AuthProperties properties = new AuthProperties();
        properties.setKeyFile(dir.resolve("data/token-signing-key.pem").toString());
        SigningKeys first = SigningKeys.load(properties, new DefaultResourceLoader());
        String token = issuer(first).issue("editor", List.of("EDITOR"), null).value();

        SigningKeys afterRestart = SigningKeys.load(properties, new DefaultResourceLoader());
        assertThat(afterRestart.signing().getKeyID()).isEqualTo(first.signing().getKeyID());
        assertThat(decoder(afterRestart).decoder().decode(token).getSubject()).isEqualTo("editor");
    }

    @Test
    void aConfiguredKeyIsReadFromALocationOrAsPemText() throws Exception {
        AuthProperties generate = new AuthProperties();
        generate.setKeyFile(dir.resolve("k.pem").toString());
        String kid = SigningKeys.load(generate, new DefaultResourceLoader()).signing().getKeyID();
        String pem = Files.readString(dir.resolve("k.pem"));

        AuthProperties byLocation = new AuthProperties();
        byLocation.setSigningKey("file:" + dir.resolve("k.pem"));
        assertThat(SigningKeys.load(byLocation, new DefaultResourceLoader()).signing().getKeyID()).isEqualTo(kid);
        AuthProperties byText = new AuthProperties();
        byText.setSigningKey(pem);
        assertThat(SigningKeys.load(byText, new DefaultResourceLoader()).signing().getKeyID()).isEqualTo(kid);
    }

    @Test
    void duringARotationTokensOfThePreviousKeyStayValidUntilThatKeyIsDropped() {
        AuthProperties old = new AuthProperties();
        old.setKeyFile(dir.resolve("old.pem").toString());
        AuthProperties fresh = new AuthProperties();
        fresh.setKeyFile(dir.resolve("new.pem").toString());
        String oldToken = issuer(SigningKeys.load(old, new DefaultResourceLoader()))
                .issue("editor", List.of("EDITOR"), null).value();
        SigningKeys afterRotation = SigningKeys.load(fresh, new DefaultResourceLoader());

        AuthProperties rotating = new AuthProperties();
        rotating.setSigningKey("file:" + dir.resolve("new.pem"));
        rotating.setPreviousSigningKey("file:" + dir.resolve("old.pem"));
        SigningKeys both = SigningKeys.load(rotating, new DefaultResourceLoader());
        assertThat(both.published().getKeys()).hasSize(2);
        assertThat(decoder(both).decoder().decode(oldToken).getSubject()).isEqualTo("editor");
        String newToken = issuer(both).issue("writer", List.of("WRITER"), null).value();
        assertThat(decoder(both).decoder().decode(newToken).getHeaders().get("kid"))
                .isEqualTo(both.signing().getKeyID());

        assertThat(decoder(afterRotation).decoder().decode(newToken).getSubject()).isEqualTo("writer");
        assertThatThrownBy(() -> decoder(afterRotation).decoder().decode(oldToken)).isInstanceOf(JwtException.class);
    }

    @Test
    void aTokenAlreadyCheckedIsTakenAgainButATamperedCopyOfItIsCheckedAndRefused() {
        AuthProperties properties = new AuthProperties();
        properties.setKeyFile(dir.resolve("kept.pem").toString());
        SigningKeys keys = SigningKeys.load(properties, new DefaultResourceLoader());
        String token = issuer(keys).issue("writer", List.of("WRITER"), null).value();
        LocalTokenDecoder decoder = decoder(keys);
        assertThat(decoder.decoder().decode(token).getSubject()).isEqualTo("writer");
        assertThat(decoder.decoder().decode(token).getSubject()).isEqualTo("writer");

        String[] parts = token.split("\\.");
        String admin = "{\"sub\":\"admin\",\"roles\":[\"ADMIN\"],\"iss\":\"newsroom\",\"aud\":\"newsroom\","
                + "\"exp\":4102444800}";
        String otherClaims = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(admin.getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> decoder.decoder().decode(parts[0] + "." + otherClaims + "." + parts[2]))
                .isInstanceOf(JwtException.class);
    }

    private static TokenIssuer issuer(SigningKeys keys) {
        return new TokenIssuer(keys, "newsroom", "newsroom", Duration.ofMinutes(5), Clock.systemUTC());
    }

    private static LocalTokenDecoder decoder(SigningKeys keys) {
        return LocalTokenDecoder.fromKeys(keys.published(), "newsroom", "newsroom");
    }
}
