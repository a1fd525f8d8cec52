package org.luoshi.audit;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.luoshi.database.SecretKeys;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The key of the audit chain's HMAC-SM3, from {@code luoshi.audit.chain-key} (64 hex digits). A
 * zero-setup run without one makes a key and keeps it in the database, which a database owner can
 * read: production configures its own, kept where the database's owner cannot reach it.
 */
@Component
public class AuditKey {

    private static final String CHECK = "luoshi audit chain key check";

    private final SecretKeys store;
    private final String configured;
    private volatile byte[] key;
    private volatile String check;

    AuditKey(SecretKeys store, @Value("${luoshi.audit.chain-key:}") String configured) {
        this.store = store;
        this.configured = configured;
    }

    /** HMAC-SM3 of the text under the key, as lower-case hex. */
    String mac(String text) {
        HMac hmac = new HMac(new SM3Digest());
        hmac.init(new KeyParameter(key()));
        byte[] in = text.getBytes(StandardCharsets.UTF_8);
        hmac.update(in, 0, in.length);
        byte[] out = new byte[hmac.getMacSize()];
        hmac.doFinal(out, 0);
        return HexFormat.of().formatHex(out);
    }

    /** What the chain head records to name this key without revealing it (asked on every chaining). */
    String check() {
        String c = check;
        if (c == null) {
            c = mac(CHECK);
            check = c;
        }
        return c;
    }

    private byte[] key() {
        byte[] k = key;
        if (k == null) {
            k = SecretKeys.configuredOr(configured, 32, "luoshi.audit.chain-key", store, "audit-chain");
            key = k;
        }
        return k;
    }
}
