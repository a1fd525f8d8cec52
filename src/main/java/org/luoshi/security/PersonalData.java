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
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
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

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PersonalData.class);
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;

    private final JdbcClient jdbc;
    private final String configured;
    private final SecureRandom random = new SecureRandom();
    private volatile byte[] key;

    private final org.springframework.transaction.support.TransactionTemplate own;

    PersonalData(
            JdbcClient jdbc,
            org.springframework.transaction.PlatformTransactionManager transactions,
            @Value("${luoshi.crypto.personal-data-key:}") String configured) {
        this.jdbc = jdbc;
        // the key is kept in a transaction of its own: a caller's rollback must not lose it
        this.own = new org.springframework.transaction.support.TransactionTemplate(transactions);
        own.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.configured = configured.strip();
    }

    public byte[] encrypt(String plain) {
        byte[] nonce = new byte[NONCE];
        random.nextBytes(nonce);
        byte[] in = plain.getBytes(StandardCharsets.UTF_8);
        GCMModeCipher gcm = cipher(true, nonce);
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
        byte[] nonce = Arrays.copyOf(sealed, NONCE);
        GCMModeCipher gcm = cipher(false, nonce);
        byte[] out = new byte[gcm.getOutputSize(sealed.length - NONCE)];
        int n = gcm.processBytes(sealed, NONCE, sealed.length - NONCE, out, 0);
        try {
            n += gcm.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("个人信息密文已损坏或密钥不符", e);
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
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

    private GCMModeCipher cipher(boolean encrypt, byte[] nonce) {
        GCMModeCipher gcm = GCMBlockCipher.newInstance(new SM4Engine());
        gcm.init(encrypt, new AEADParameters(new KeyParameter(key()), TAG_BITS, nonce));
        return gcm;
    }

    private byte[] key() {
        byte[] k = key;
        if (k == null) {
            k = configured.isEmpty() ? stored() : parse(configured);
            key = k;
        }
        return k;
    }

    private static byte[] parse(String hex) {
        try {
            byte[] k = HexFormat.of().parseHex(hex);
            if (k.length == 16) {
                return k;
            }
        } catch (IllegalArgumentException e) {
            // fall through to the plain refusal below
        }
        throw new IllegalStateException("luoshi.crypto.personal-data-key 须为 32 位十六进制数（SM4 密钥 128 位）");
    }

    private byte[] stored() {
        byte[] fresh = new byte[16];
        random.nextBytes(fresh);
        byte[] k = own.execute(status -> {
            jdbc.sql(
                            "INSERT INTO crypto_key (name, key_bytes) VALUES ('personal-data', :k) ON CONFLICT (name) DO NOTHING")
                    .param("k", fresh)
                    .update();
            return jdbc.sql("SELECT key_bytes FROM crypto_key WHERE name = 'personal-data'")
                    .query(byte[].class)
                    .single();
        });
        if (Arrays.equals(k, fresh)) {
            log.warn("未配置 luoshi.crypto.personal-data-key：已生成个人信息加密密钥并保存在数据库中；生产环境请配置独立保管的密钥");
        }
        return k;
    }
}
