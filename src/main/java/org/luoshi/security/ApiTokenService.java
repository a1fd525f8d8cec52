package org.luoshi.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.luoshi.DomainException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tokens carry their owner's permissions. The secret is shown once; only its SHA-256 is stored
 * (256 random bits need no slow hash).
 */
@Service
public class ApiTokenService {

    static final String PREFIX = "lst_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final DemoMode demo;

    ApiTokenService(JdbcClient jdbc, ApplicationEventPublisher events, DemoMode demo) {
        this.jdbc = jdbc;
        this.events = events;
        this.demo = demo;
    }

    /** The new secret, to be shown once. */
    @Transactional
    public String issue(CurrentUser owner, String name) {
        String label = name == null || name.isBlank() ? "接口令牌" : name.strip();
        if (label.length() > 64) {
            throw DomainException.invalid("token.name.long", "name", "令牌名称不能超过64个字");
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String prefix = secret.substring(0, 10);
        jdbc.sql("INSERT INTO api_token (account_id, name, token_hash, token_prefix) VALUES (:a, :n, :h, :p)")
                .param("a", owner.id())
                .param("n", label)
                .param("h", sha256(secret))
                .param("p", prefix)
                .update();
        events.publishEvent(new AccountEvent.TokenIssued(owner.username(), label, prefix));
        return secret;
    }

    public List<ApiToken> list(CurrentUser owner) {
        return jdbc.sql("""
                SELECT id, name, token_prefix, created_at, last_used_at, revoked_at
                  FROM api_token WHERE account_id = :a ORDER BY revoked_at NULLS FIRST, id DESC
                """).param("a", owner.id()).query(ApiToken.class).list();
    }

    /** Only the owner revokes; another's token id is simply not found. */
    @Transactional
    public void revoke(CurrentUser owner, long tokenId) {
        ApiToken token = jdbc.sql("""
                        SELECT id, name, token_prefix, created_at, last_used_at, revoked_at
                          FROM api_token WHERE id = :id AND account_id = :a
                        """)
                .param("id", tokenId)
                .param("a", owner.id())
                .query(ApiToken.class)
                .optional()
                .orElseThrow(() -> DomainException.notFound("token.notFound", "接口令牌不存在"));
        if (token.active()) {
            jdbc.sql("UPDATE api_token SET revoked_at = now() WHERE id = :id")
                    .param("id", tokenId)
                    .update();
            events.publishEvent(new AccountEvent.TokenRevoked(owner.username(), token.name(), token.tokenPrefix()));
        }
    }

    /** The account behind a presented secret, if the token and the account are both in good standing. */
    public Optional<CurrentUser> authenticate(String secret) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 100) {
            return Optional.empty();
        }
        // one round trip: the token, its account, and the last use noted at most once a minute
        return jdbc.sql("""
                        WITH t AS (SELECT id, account_id, last_used_at FROM api_token
                                    WHERE token_hash = :h AND revoked_at IS NULL),
                        touched AS (UPDATE api_token a SET last_used_at = now() FROM t
                                     WHERE a.id = t.id
                                       AND (t.last_used_at IS NULL OR t.last_used_at < now() - interval '1 minute'))
                        """ + AccountRepository.SELECT + " JOIN t ON t.account_id = a.id")
                .param("h", sha256(secret))
                .query(AccountRepository::map)
                .optional()
                .filter(Account::enabled)
                .filter(a -> !a.demo() || demo.enabled())
                .filter(a -> a.lockedUntil() == null || a.lockedUntil().isBefore(java.time.Instant.now()))
                .map(a -> CurrentUser.of(a, false));
    }

    static String sha256(String s) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
