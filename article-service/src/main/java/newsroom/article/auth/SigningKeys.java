package newsroom.article.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ResourceLoader;
import org.springframework.security.converter.RsaKeyConverters;

/**
 * The RSA keys of the token issuer: one that signs, and optionally a previous one that is only published, so a
 * rotation never invalidates tokens in flight. Key ids are RFC 7638 thumbprints, the same on every replica and across
 * restarts for the same key. Parsing is Spring Security's ({@link RsaKeyConverters}), key objects are Nimbus's.
 */
public final class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    private final RSAKey signing;
    private final JWKSet published;

    SigningKeys(RSAKey signing, RSAKey previous) {
        this.signing = signing;
        List<JWK> keys = new ArrayList<>();
        keys.add(signing.toPublicJWK());
        if (previous != null && !previous.getKeyID().equals(signing.getKeyID())) {
            keys.add(previous.toPublicJWK());
        }
        this.published = new JWKSet(keys);
    }

    /** From configuration: a configured key, else the key file (generated when missing), else a key in memory. */
    static SigningKeys load(AuthProperties properties, ResourceLoader resources) {
        RSAKey previous = properties.getPreviousSigningKey().isBlank() ? null
                : rsaKey(read(properties.getPreviousSigningKey(), resources));
        if (!properties.getSigningKey().isBlank()) {
            return new SigningKeys(rsaKey(read(properties.getSigningKey(), resources)), previous);
        }
        if (!properties.getKeyFile().isBlank()) {
            return new SigningKeys(rsaKey(readOrGenerate(Path.of(properties.getKeyFile()))), previous);
        }
        log.warn("No token signing key configured (NEWSROOM_TOKEN_SIGNING_KEY): using one generated in memory. "
                + "Tokens will not survive a restart and replicas will not accept each other's tokens.");
        return new SigningKeys(rsaKey(generatePem()), previous);
    }

    /** The private key that signs new tokens. */
    RSAKey signing() {
        return signing;
    }

    /** The public keys: what {@code /oauth2/jwks} serves and what tokens are checked against. */
    public JWKSet published() {
        return published;
    }

    static RSAKey rsaKey(String pem) {
        try (InputStream in = new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))) {
            RSAPrivateKey key = RsaKeyConverters.pkcs8().convert(in);
            if (!(key instanceof RSAPrivateCrtKey crt)) {
                throw new IllegalStateException("The token signing key must be a full RSA private key (PKCS#8)");
            }
            RSAPublicKey pub = (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
            if (pub.getModulus().bitLength() < 2048) {
                throw new IllegalStateException("The token signing key must have at least 2048 bits");
            }
            return new RSAKey.Builder(pub).privateKey(key).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .keyIDFromThumbprint().build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | JOSEException e) {
            throw new IllegalStateException("Cannot read the token signing key", e);
        }
    }

    /** PEM text as it is, or the content of a location ({@code file:...}, {@code classpath:...}). */
    private static String read(String pemOrLocation, ResourceLoader resources) {
        String value = pemOrLocation.strip();
        if (value.startsWith("-----BEGIN")) {
            return value;
        }
        try (InputStream in = resources.getResource(value).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the token signing key at " + value, e);
        }
    }

    private static String readOrGenerate(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.US_ASCII);
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            String pem = generatePem();
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temporary, pem, StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                log.debug("Cannot restrict permissions of {} on this file system", temporary);
            }
            Files.move(temporary, file);
            log.info("Generated the token signing key {} (kept across restarts; delete it to change the key)", file);
            return pem;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the token signing key " + file, e);
        }
    }

    private static String generatePem() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
            return "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pkcs8)
                    + "\n-----END PRIVATE KEY-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
