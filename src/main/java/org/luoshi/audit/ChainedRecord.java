package org.luoshi.audit;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

/**
 * The content of one audit row as the chain sees it. jsonb columns are read as PostgreSQL's own
 * normalised text, so the canonical form is the same whenever it is read back.
 */
record ChainedRecord(
        long id,
        OffsetDateTime occurredAt,
        String actor,
        String address,
        String action,
        String outcome,
        String targetType,
        String targetId,
        String summary,
        String before,
        String after) {

    static final String GENESIS = "0".repeat(64);

    /** Plain SM3, as chains were made before they were keyed: read only to re-key such a chain. */
    String hash(long seq, String previousHash) {
        return Sm3.hex(canonical(seq, previousHash));
    }

    /** HMAC-SM3 under the audit key: what the chain is made of. */
    String keyedHash(long seq, String previousHash, AuditKey key) {
        return key.mac(canonical(seq, previousHash));
    }

    private String canonical(long seq, String previousHash) {
        long micros = ChronoUnit.MICROS.between(OffsetDateTime.parse("1970-01-01T00:00Z"), occurredAt);
        String canonical = String.join(
                "\u001f",
                Long.toString(seq),
                previousHash,
                Long.toString(id),
                Long.toString(micros),
                nz(actor),
                nz(address),
                action,
                outcome,
                nz(targetType),
                nz(targetId),
                summary,
                nz(before),
                nz(after));
        return canonical;
    }

    private static String nz(String s) {
        return s == null ? "\u0000" : s;
    }
}
