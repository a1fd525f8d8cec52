package org.luoshi.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AccountRepository {

    static final String SELECT = """
            SELECT a.id, a.username, a.display_name, a.title, a.unit_id, a.enabled, a.demo,
                   a.must_change_password, a.failed_attempts, a.locked_until, a.password_changed_at,
                   a.last_login_at, a.version,
                   coalesce((SELECT string_agg(r.role, ',') FROM account_role r WHERE r.account_id = a.id), '') AS roles
              FROM account a
            """;

    private final JdbcClient jdbc;

    AccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Account> find(long id) {
        return jdbc.sql(SELECT + " WHERE a.id = :id")
                .param("id", id)
                .query(AccountRepository::map)
                .optional();
    }

    Optional<Account> findByUsername(String username) {
        return jdbc.sql(SELECT + " WHERE lower(a.username) = lower(:u)")
                .param("u", username)
                .query(AccountRepository::map)
                .optional();
    }

    Optional<String> passwordHash(long id) {
        return jdbc.sql("SELECT password_hash FROM account WHERE id = :id")
                .param("id", id)
                .query(String.class)
                .optional();
    }

    boolean usernameTaken(String username) {
        return jdbc.sql("SELECT count(*) FROM account WHERE lower(username) = lower(:u)")
                        .param("u", username)
                        .query(Long.class)
                        .single()
                > 0;
    }

    long insert(NewAccount a, String hash, boolean mustChange, boolean demo, String by) {
        long id = jdbc.sql("""
                        INSERT INTO account (username, display_name, title, unit_id, password_hash,
                                             password_changed_at, must_change_password, demo, created_by)
                        VALUES (:username, :displayName, :title, :unitId, :hash, now(), :mustChange, :demo, :by)
                        RETURNING id
                        """)
                .param("username", a.username())
                .param("displayName", a.displayName())
                .param("title", a.title())
                .param("unitId", a.unitId())
                .param("hash", hash)
                .param("mustChange", mustChange)
                .param("demo", demo)
                .param("by", by)
                .query(Long.class)
                .single();
        replaceRoles(id, a.roles());
        rememberPassword(id, hash);
        return id;
    }

    boolean updateProfile(long id, int version, String displayName, String title, long unitId) {
        return jdbc.sql("""
                        UPDATE account SET display_name = :displayName, title = :title, unit_id = :unitId,
                               version = version + 1, updated_at = now()
                         WHERE id = :id AND version = :version
                        """)
                        .param("displayName", displayName)
                        .param("title", title)
                        .param("unitId", unitId)
                        .param("id", id)
                        .param("version", version)
                        .update()
                == 1;
    }

    boolean bumpVersion(long id, int version) {
        return jdbc.sql("UPDATE account SET version = version + 1, updated_at = now() WHERE id = :id AND version = :v")
                        .param("id", id)
                        .param("v", version)
                        .update()
                == 1;
    }

    void replaceRoles(long id, Collection<Role> roles) {
        jdbc.sql("DELETE FROM account_role WHERE account_id = :id")
                .param("id", id)
                .update();
        for (Role role : roles) {
            jdbc.sql("INSERT INTO account_role (account_id, role) VALUES (:id, :role)")
                    .param("id", id)
                    .param("role", role.name())
                    .update();
        }
    }

    void setEnabled(long id, boolean enabled) {
        jdbc.sql("UPDATE account SET enabled = :e, updated_at = now() WHERE id = :id")
                .param("e", enabled)
                .param("id", id)
                .update();
    }

    /** The same password under the current scheme; only if the stored hash is still the one read. */
    void rehash(long id, String old, String hash) {
        jdbc.sql("UPDATE account SET password_hash = :hash WHERE id = :id AND password_hash = :old")
                .param("hash", hash)
                .param("id", id)
                .param("old", old)
                .update();
    }

    void setPassword(long id, String hash, boolean mustChange) {
        jdbc.sql("""
                UPDATE account SET password_hash = :hash, must_change_password = :mustChange,
                       password_changed_at = now(), failed_attempts = 0, locked_until = NULL,
                       version = version + 1, updated_at = now()
                 WHERE id = :id
                """)
                .param("hash", hash)
                .param("mustChange", mustChange)
                .param("id", id)
                .update();
        rememberPassword(id, hash);
    }

    List<String> recentPasswordHashes(long id, int count) {
        return jdbc.sql("SELECT password_hash FROM password_history WHERE account_id = :id ORDER BY id DESC LIMIT :n")
                .param("id", id)
                .param("n", count)
                .query(String.class)
                .list();
    }

    /** One atomic step so that parallel wrong guesses cannot dodge the lock. */
    FailedLogin recordFailure(long id, int maxAttempts, Instant lockUntil) {
        return jdbc.sql("""
                        UPDATE account
                           SET failed_attempts = failed_attempts + 1,
                               locked_until = CASE WHEN failed_attempts + 1 >= :max THEN :until ELSE locked_until END
                         WHERE id = :id
                        RETURNING failed_attempts, locked_until
                        """)
                .param("max", maxAttempts)
                .param("until", OffsetDateTime.ofInstant(lockUntil, ZoneOffset.UTC))
                .param("id", id)
                .query((rs, i) -> new FailedLogin(rs.getInt(1), instant(rs.getTimestamp(2))))
                .single();
    }

    void recordSuccess(long id, String address) {
        jdbc.sql("""
                UPDATE account SET failed_attempts = 0, locked_until = NULL, last_login_at = now(),
                       last_login_address = :address
                 WHERE id = :id
                """).param("address", address).param("id", id).update();
    }

    /** After a lock has run out, the count starts again. */
    void clearExpiredLock(long id) {
        jdbc.sql("UPDATE account SET failed_attempts = 0, locked_until = NULL WHERE id = :id AND locked_until <= now()")
                .param("id", id)
                .update();
    }

    void unlock(long id) {
        jdbc.sql("UPDATE account SET failed_attempts = 0, locked_until = NULL, updated_at = now() WHERE id = :id")
                .param("id", id)
                .update();
    }

    private void rememberPassword(long id, String hash) {
        jdbc.sql("INSERT INTO password_history (account_id, password_hash) VALUES (:id, :hash)")
                .param("id", id)
                .param("hash", hash)
                .update();
    }

    record FailedLogin(int attempts, Instant lockedUntil) {}

    static Account map(ResultSet rs, int row) throws SQLException {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String r : rs.getString("roles").split(",")) {
            if (!r.isEmpty()) {
                roles.add(Role.valueOf(r));
            }
        }
        return new Account(
                rs.getLong("id"),
                rs.getString("username"),
                rs.getString("display_name"),
                rs.getString("title"),
                rs.getLong("unit_id"),
                roles,
                rs.getBoolean("enabled"),
                rs.getBoolean("demo"),
                rs.getBoolean("must_change_password"),
                rs.getInt("failed_attempts"),
                instant(rs.getTimestamp("locked_until")),
                instant(rs.getTimestamp("password_changed_at")),
                instant(rs.getTimestamp("last_login_at")),
                rs.getInt("version"));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
