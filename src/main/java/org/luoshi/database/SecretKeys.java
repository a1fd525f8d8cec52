package org.luoshi.database;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Secret keys: production configures each one (hex), kept apart from the database; a zero-setup run
 * without one makes it once and keeps it in {@code crypto_key}, which protects against a stolen
 * table but not against the database's owner, and says so in the log.
 */
@Component
public class SecretKeys {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SecretKeys.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate own;
    private final SecureRandom random = new SecureRandom();

    SecretKeys(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        // kept in a transaction of its own: a caller's rollback must not lose a key already in use
        this.own = new TransactionTemplate(transactions);
        own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The configured key if there is one (refused plainly unless it is {@code length} bytes), else the stored one. */
    public static byte[] configuredOr(
            String configuredHex, int length, String property, SecretKeys store, String name) {
        String hex = configuredHex == null ? "" : configuredHex.strip();
        if (!hex.isEmpty()) {
            return parse(hex, length, property);
        }
        if (store == null) {
            throw new IllegalStateException(property + " 未配置");
        }
        return store.stored(name, length, property);
    }

    /** A key from hex, refused plainly unless it is {@code length} bytes. */
    public static byte[] parse(String hex, int length, String property) {
        try {
            byte[] k = HexFormat.of().parseHex(hex);
            if (k.length == length) {
                return k;
            }
        } catch (IllegalArgumentException e) {
            // fall through to the plain refusal below
        }
        throw new IllegalStateException(property + " 须为 " + length * 2 + " 位十六进制数（" + length * 8 + " 位密钥）");
    }

    /** Replaces a stored key within the caller's transaction, so that it changes with what it seals. */
    public void replace(String name, byte[] key) {
        jdbc.sql("""
                        INSERT INTO crypto_key (name, key_bytes) VALUES (:n, :k)
                        ON CONFLICT (name) DO UPDATE SET key_bytes = EXCLUDED.key_bytes, created_at = now()
                        """).param("n", name).param("k", key).update();
    }

    private byte[] stored(String name, int length, String property) {
        byte[] fresh = new byte[length];
        random.nextBytes(fresh);
        byte[] k = own.execute(status -> {
            jdbc.sql("INSERT INTO crypto_key (name, key_bytes) VALUES (:n, :k) ON CONFLICT (name) DO NOTHING")
                    .param("n", name)
                    .param("k", fresh)
                    .update();
            return jdbc.sql("SELECT key_bytes FROM crypto_key WHERE name = :n")
                    .param("n", name)
                    .query(byte[].class)
                    .single();
        });
        if (Arrays.equals(k, fresh)) {
            log.warn("未配置 {}：已生成密钥“{}”并保存在数据库中；生产环境请配置由他处保管的密钥", property, name);
        }
        return k;
    }
}
