package org.luoshi.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class ChainedRecordTest {

    private static final ChainedRecord RECORD = new ChainedRecord(
            42,
            OffsetDateTime.parse("2026-06-01T09:30:00.123456+08:00"),
            "liaison",
            "10.0.0.7",
            "login.succeeded",
            "SUCCESS",
            "account",
            "liaison",
            "liaison 登录成功",
            null,
            "{\"a\": 1}");

    @Test
    void sm3OfAKnownVector() {
        // GB/T 32905-2016, example 1: SM3("abc")
        assertThat(Sm3.hex("abc")).isEqualTo("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
    }

    @Test
    void theKeyedHashNeedsTheKey() {
        AuditKey key = new AuditKey(null, "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
        AuditKey other = new AuditKey(null, "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100");
        String keyed = RECORD.keyedHash(1, ChainedRecord.GENESIS, key);
        assertThat(keyed).hasSize(64).isEqualTo(RECORD.keyedHash(1, ChainedRecord.GENESIS, key));
        assertThat(keyed).isNotEqualTo(RECORD.hash(1, ChainedRecord.GENESIS));
        assertThat(RECORD.keyedHash(1, ChainedRecord.GENESIS, other)).isNotEqualTo(keyed);
        assertThat(key.check()).isNotEqualTo(other.check());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new AuditKey(null, "abc").check())
                .hasMessageContaining("64 位十六进制");
    }

    @Test
    void hashDependsOnEveryField() {
        String h = RECORD.hash(1, ChainedRecord.GENESIS);
        assertThat(h).hasSize(64).isEqualTo(RECORD.hash(1, ChainedRecord.GENESIS));
        assertThat(new ChainedRecord(
                                42,
                                RECORD.occurredAt(),
                                "liaison",
                                "10.0.0.7",
                                "login.succeeded",
                                "SUCCESS",
                                "account",
                                "liaison",
                                "liaison 登录成功",
                                null,
                                "{\"a\": 2}")
                        .hash(1, ChainedRecord.GENESIS))
                .isNotEqualTo(h);
        assertThat(RECORD.hash(2, ChainedRecord.GENESIS)).isNotEqualTo(h);
        assertThat(RECORD.hash(1, h)).isNotEqualTo(h);
    }

    @Test
    void nullAndEmptyAreDifferent() {
        ChainedRecord emptyActor = new ChainedRecord(
                42,
                RECORD.occurredAt(),
                "",
                "10.0.0.7",
                "login.succeeded",
                "SUCCESS",
                "account",
                "liaison",
                "liaison 登录成功",
                null,
                "{\"a\": 1}");
        ChainedRecord nullActor = new ChainedRecord(
                42,
                RECORD.occurredAt(),
                null,
                "10.0.0.7",
                "login.succeeded",
                "SUCCESS",
                "account",
                "liaison",
                "liaison 登录成功",
                null,
                "{\"a\": 1}");
        assertThat(emptyActor.hash(1, ChainedRecord.GENESIS)).isNotEqualTo(nullActor.hash(1, ChainedRecord.GENESIS));
    }
}
