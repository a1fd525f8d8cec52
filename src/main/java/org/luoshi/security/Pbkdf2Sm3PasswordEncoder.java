package org.luoshi.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.KeyParameter;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * PBKDF2 with HMAC-SM3 (GB/T 32905): a salted, slow password hash built only from a commercial
 * cryptographic algorithm, as the 密评 expects of identity authentication. Stored as
 * {@code iterations$salt$hash} (Base64) behind the delegating encoder's {@code {pbkdf2-sm3}}.
 */
final class Pbkdf2Sm3PasswordEncoder implements PasswordEncoder {

    static final String ID = "pbkdf2-sm3";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;

    private final int iterations;

    Pbkdf2Sm3PasswordEncoder(int iterations) {
        if (iterations < 10_000) {
            throw new IllegalArgumentException("luoshi.security.pbkdf2-iterations must be at least 10000");
        }
        this.iterations = iterations;
    }

    @Override
    public String encode(CharSequence raw) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(derive(raw, salt, iterations));
    }

    @Override
    public boolean matches(CharSequence raw, String encoded) {
        Stored s = Stored.parse(encoded);
        if (s == null) {
            return false;
        }
        return MessageDigest.isEqual(derive(raw, s.salt, s.iterations), s.hash);
    }

    /** A hash made with fewer iterations than now configured is made again at the next sign-in. */
    @Override
    public boolean upgradeEncoding(String encoded) {
        Stored s = Stored.parse(encoded);
        return s == null || s.iterations < iterations;
    }

    private static byte[] derive(CharSequence raw, byte[] salt, int iterations) {
        PKCS5S2ParametersGenerator generator = new PKCS5S2ParametersGenerator(new SM3Digest());
        generator.init(raw.toString().getBytes(StandardCharsets.UTF_8), salt, iterations);
        return ((KeyParameter) generator.generateDerivedParameters(HASH_BITS)).getKey();
    }

    private record Stored(int iterations, byte[] salt, byte[] hash) {

        static Stored parse(String encoded) {
            String[] parts = encoded == null ? new String[0] : encoded.split("\\$");
            if (parts.length != 3) {
                return null;
            }
            try {
                int n = Integer.parseInt(parts[0]);
                byte[] salt = Base64.getDecoder().decode(parts[1]);
                byte[] hash = Base64.getDecoder().decode(parts[2]);
                return n < 1 || n > 10_000_000 || hash.length != HASH_BITS / 8 ? null : new Stored(n, salt, hash);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }
}
