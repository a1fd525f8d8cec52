package org.luoshi.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

class Pbkdf2Sm3PasswordEncoderTest {

    private final Pbkdf2Sm3PasswordEncoder encoder = new Pbkdf2Sm3PasswordEncoder(10_000);

    @Test
    void theStoredHashIsPbkdf2OfHmacSm3AsRfc8018DefinesIt() {
        String stored = encoder.encode("口令Pass#2026");
        String[] parts = stored.split("\\$");
        assertThat(parts[0]).isEqualTo("10000");
        byte[] salt = Base64.getDecoder().decode(parts[1]);
        assertThat(salt).hasSize(16);
        // written out from the definition (T1 = U1 xor … xor Uc, Ui = HMAC(P, Ui-1)), not via the library's generator
        byte[] expected = new byte[32];
        HMac hmac = new HMac(new SM3Digest());
        hmac.init(new KeyParameter("口令Pass#2026".getBytes(StandardCharsets.UTF_8)));
        byte[] u = new byte[32];
        hmac.update(salt, 0, salt.length);
        hmac.update(new byte[] {0, 0, 0, 1}, 0, 4);
        hmac.doFinal(u, 0);
        System.arraycopy(u, 0, expected, 0, 32);
        for (int i = 1; i < 10_000; i++) {
            hmac.update(u, 0, u.length);
            hmac.doFinal(u, 0);
            for (int j = 0; j < 32; j++) {
                expected[j] ^= u[j];
            }
        }
        assertThat(Base64.getDecoder().decode(parts[2])).isEqualTo(expected);
    }

    @Test
    void theRightPasswordMatchesAndNothingElseDoes() {
        String stored = encoder.encode("Init#Pass123");
        assertThat(encoder.matches("Init#Pass123", stored)).isTrue();
        assertThat(encoder.matches("Init#Pass124", stored)).isFalse();
        assertThat(encoder.matches("", stored)).isFalse();
        assertThat(encoder.encode("Init#Pass123")).as("a new salt each time").isNotEqualTo(stored);
        assertThat(encoder.matches("Init#Pass123", "garbage")).isFalse();
        assertThat(encoder.matches("Init#Pass123", "10000$AAAA$AAAA")).isFalse();
        assertThat(encoder.matches("Init#Pass123", null)).isFalse();
    }

    @Test
    void aHashMadeWithFewerIterationsIsMadeAgain() {
        String cheap = encoder.encode("Init#Pass123");
        Pbkdf2Sm3PasswordEncoder dearer = new Pbkdf2Sm3PasswordEncoder(20_000);
        assertThat(dearer.matches("Init#Pass123", cheap)).as("still read").isTrue();
        assertThat(dearer.upgradeEncoding(cheap)).isTrue();
        assertThat(encoder.upgradeEncoding(cheap)).isFalse();
        assertThatThrownBy(() -> new Pbkdf2Sm3PasswordEncoder(1_000)).isInstanceOf(IllegalArgumentException.class);
    }
}
