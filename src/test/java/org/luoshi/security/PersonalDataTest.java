package org.luoshi.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PersonalDataTest {

    // a configured key: the database is never asked
    private final PersonalData sealer = new PersonalData(null, "0123456789abcdeffedcba9876543210", null, null);

    @Test
    void aPhoneNumberComesBackWholeAndNeverLooksTheSameTwice() {
        byte[] a = sealer.encrypt("13800135678");
        byte[] b = sealer.encrypt("13800135678");
        assertThat(a).isNotEqualTo(b);
        assertThat(new String(a, StandardCharsets.ISO_8859_1)).doesNotContain("13800135678");
        assertThat(sealer.decrypt(a)).isEqualTo("13800135678");
        assertThat(sealer.decrypt(b)).isEqualTo("13800135678");
        // nonce, ciphertext of the same length, 16-byte tag
        assertThat(a).hasSize(12 + 11 + 16);
    }

    @Test
    void aChangedByteOrAnotherKeyIsDetected() {
        byte[] sealed = sealer.encrypt("0755-83001234");
        sealed[14] ^= 1;
        assertThatThrownBy(() -> sealer.decrypt(sealed)).hasMessageContaining("密文已损坏");
        PersonalData other = new PersonalData(null, "fedcba98765432100123456789abcdef", null, null);
        assertThatThrownBy(() -> other.decrypt(sealer.encrypt("13800135678")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aBadKeyIsRefusedPlainly() {
        PersonalData wrong = new PersonalData(null, "not-hex", null, null);
        assertThatThrownBy(() -> wrong.encrypt("1")).hasMessageContaining("32 位十六进制");
    }

    @Test
    void numbersAreMaskedByTheirLength() {
        assertThat(PersonalData.maskPhone("13800135678")).isEqualTo("138****5678");
        assertThat(PersonalData.maskPhone("+8613800135678")).isEqualTo("+86****5678");
        assertThat(PersonalData.maskPhone("83001234")).isEqualTo("83****34");
        assertThat(PersonalData.maskPhone("12345")).isEqualTo("*****");
    }
}
