package org.luoshi.security;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.luoshi.database.SecretKeys;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Personal data at rest (a citizen's phone number): SM4 (GB/T 32907) in GCM mode, a fresh nonce
 * per value, so that equal numbers do not look equal and a changed byte is detected. The key comes
 * from {@code luoshi.crypto.personal-data-key} (32 hex digits); a zero-setup run without one
 * makes a key once and keeps it in the database, which protects against a stolen backup of the
 * table but not of the whole database: production configures its own.
 */
@Component
public class PersonalData {

    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeys store;
    private final String configured;
    private final SecureRandom random = new SecureRandom();
    private final org.springframework.beans.factory.ObjectProvider<SealedData> sealed;
    private final org.springframework.context.ApplicationEventPublisher events;
    private volatile byte[] key;

    PersonalData(
            SecretKeys store,
            @Value("${luoshi.crypto.personal-data-key:}") String configured,
            org.springframework.beans.factory.ObjectProvider<SealedData> sealed,
            org.springframework.context.ApplicationEventPublisher events) {
        this.store = store;
        this.configured = configured;
        this.sealed = sealed;
        this.events = events;
    }

    /**
     * What a key rotation did: how many values were re-sealed; whether the key is configured (and so
     * the operator's to change before the next start); the key made here, if it made one for that.
     */
    public record Rotation(int values, boolean configured, String generatedKey) {}

    /**
     * Re-seals every value under a new key (given as 32 hex digits, or made here when blank), all in
     * one transaction: a value that does not open under the current key refuses the whole rotation.
     * A stored key is replaced in the same transaction; a configured one is the operator's to change.
     */
    @org.springframework.transaction.annotation.Transactional
    public Rotation rotate(String newKeyHex) {
        byte[] old = key();
        byte[] fresh;
        if (newKeyHex == null || newKeyHex.isBlank()) {
            fresh = new byte[16];
            random.nextBytes(fresh);
        } else {
            fresh = SecretKeys.parse(newKeyHex.strip(), 16, "--new-key");
        }
        if (Arrays.equals(old, fresh)) {
            throw new IllegalStateException("新密钥与当前密钥相同");
        }
        int values = sealed.orderedStream()
                .mapToInt(d -> d.reseal(value -> encrypt(fresh, decrypt(old, value))))
                .sum();
        boolean stored = configured == null || configured.isBlank();
        if (stored) {
            store.replace("personal-data", fresh);
            key = fresh;
        }
        events.publishEvent(new SecurityEvent.KeyRotated("personal-data", values));
        boolean generated = newKeyHex == null || newKeyHex.isBlank();
        return new Rotation(
                values, !stored, !stored && generated ? HexFormat.of().formatHex(fresh) : null);
    }

    public byte[] encrypt(String plain) {
        return encrypt(key(), plain);
    }

    private byte[] encrypt(byte[] key, String plain) {
        byte[] nonce = new byte[NONCE];
        random.nextBytes(nonce);
        byte[] in = plain.getBytes(StandardCharsets.UTF_8);
        GCMModeCipher gcm = cipher(key, true, nonce);
        byte[] out = new byte[NONCE + gcm.getOutputSize(in.length)];
        System.arraycopy(nonce, 0, out, 0, NONCE);
        int n = gcm.processBytes(in, 0, in.length, out, NONCE);
        try {
            gcm.doFinal(out, NONCE + n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    public String decrypt(byte[] sealed) {
        return decrypt(key(), sealed);
    }

    private static String decrypt(byte[] key, byte[] sealed) {
        byte[] nonce = Arrays.copyOf(sealed, NONCE);
        GCMModeCipher gcm = cipher(key, false, nonce);
        byte[] out = new byte[gcm.getOutputSize(sealed.length - NONCE)];
        int n = gcm.processBytes(sealed, NONCE, sealed.length - NONCE, out, 0);
        try {
            n += gcm.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("个人信息密文已损坏或密钥不符", e);
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    /** 王**: a name's first character, the rest starred. */
    public static String maskName(String name) {
        String n = name.strip();
        return n.isEmpty()
                ? n
                : n.substring(0, n.offsetByCodePoints(0, 1))
                        + "*".repeat(Math.max(1, n.codePointCount(0, n.length()) - 1));
    }

    /** 138****5678: the first three and last four digits of a mobile number, less of shorter ones. */
    public static String maskPhone(String phone) {
        String p = phone.strip();
        if (p.length() >= 11) {
            return p.substring(0, 3) + "****" + p.substring(p.length() - 4);
        }
        if (p.length() >= 7) {
            return p.substring(0, 2) + "*".repeat(p.length() - 4) + p.substring(p.length() - 2);
        }
        return "*".repeat(p.length());
    }

    private static GCMModeCipher cipher(byte[] key, boolean encrypt, byte[] nonce) {
        GCMModeCipher gcm = GCMBlockCipher.newInstance(new SM4Engine());
        gcm.init(encrypt, new AEADParameters(new KeyParameter(key), TAG_BITS, nonce));
        return gcm;
    }

    private byte[] key() {
        byte[] k = key;
        if (k == null) {
            k = SecretKeys.configuredOr(configured, 16, "luoshi.crypto.personal-data-key", store, "personal-data");
            key = k;
        }
        return k;
    }
}
