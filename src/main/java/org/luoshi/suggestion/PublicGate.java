package org.luoshi.suggestion;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.UUID;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.luoshi.DomainException;
import org.luoshi.security.DemoMode;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What stands before the public pages: a count of requests per address and hour (kept in the
 * database, so every node counts together, and kept even when the request itself is refused), and a
 * small arithmetic question that needs no outside service. Addresses are stored only as a hash.
 */
@Component
public class PublicGate {

    /** What is counted, each with its own hourly allowance. */
    public enum Bucket {
        SUBMIT,
        LOOKUP,
        MISS
    }

    private static final String[] DIGITS = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
    private static final Duration CHALLENGE_LIFE = Duration.ofMinutes(30);

    private final JdbcClient jdbc;
    private final TransactionTemplate own;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final boolean challengeOn;
    private final int submitLimit;
    private final int lookupLimit;
    private final int missLimit;

    PublicGate(
            JdbcClient jdbc,
            PlatformTransactionManager transactions,
            Clock clock,
            DemoMode demo,
            @Value("${luoshi.public.challenge:auto}") String challenge,
            @Value("${luoshi.public.submissions-per-hour:5}") int submitLimit,
            @Value("${luoshi.public.lookups-per-hour:300}") int lookupLimit,
            @Value("${luoshi.public.unknown-codes-per-hour:20}") int missLimit) {
        this.jdbc = jdbc;
        this.own = new TransactionTemplate(transactions);
        own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.challengeOn = switch (challenge.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "on", "true" -> true;
            case "off", "false" -> false;
            default -> !demo.enabled();
        };
        this.submitLimit = submitLimit;
        this.lookupLimit = lookupLimit;
        this.missLimit = missLimit;
    }

    public boolean challengeOn() {
        return challengeOn;
    }

    /** Counts one request; refuses with 429 once the address has used its hour. */
    public void count(Bucket bucket, String address) {
        if (hits(bucket, address) > limit(bucket)) {
            throw refusal(bucket);
        }
    }

    /**
     * Refuses while the address is over its hour without counting: after too many wrong codes even
     * a right one waits, so that a guesser cannot tell a hit from a miss.
     */
    public void requireUnder(Bucket bucket, String address) {
        Instant window = clock.instant().truncatedTo(ChronoUnit.HOURS);
        int hits = jdbc.sql("""
                        SELECT coalesce(max(hits), 0) FROM public_rate
                         WHERE bucket = :bucket AND address_hash = :address AND window_start = :window
                        """)
                .param("bucket", bucket.name())
                .param("address", hash(address))
                .param("window", java.sql.Timestamp.from(window))
                .query(Integer.class)
                .single();
        if (hits >= limit(bucket)) {
            throw refusal(bucket);
        }
    }

    private int limit(Bucket bucket) {
        return switch (bucket) {
            case SUBMIT -> submitLimit;
            case LOOKUP -> lookupLimit;
            case MISS -> missLimit;
        };
    }

    private DomainException refusal(Bucket bucket) {
        int limit = limit(bucket);
        return switch (bucket) {
            case SUBMIT -> DomainException.tooMany("public.rate.submit", "提交过于频繁：同一网络地址每小时最多提交{0}条意见建议，请一小时后再试", limit);
            case LOOKUP -> DomainException.tooMany("public.rate.lookup", "访问过于频繁，请稍后再试");
            case MISS -> DomainException.tooMany("public.rate.miss", "查询码错误次数过多，请一小时后再试");
        };
    }

    /** How many requests of the kind the address made this hour, counting this one. */
    int hits(Bucket bucket, String address) {
        Instant window = clock.instant().truncatedTo(ChronoUnit.HOURS);
        Integer n = own.execute(status -> jdbc.sql("""
                        INSERT INTO public_rate (bucket, address_hash, window_start, hits)
                        VALUES (:bucket, :address, :window, 1)
                        ON CONFLICT (bucket, address_hash, window_start) DO UPDATE SET hits = public_rate.hits + 1
                        RETURNING hits
                        """)
                .param("bucket", bucket.name())
                .param("address", hash(address))
                .param("window", java.sql.Timestamp.from(window))
                .query(Integer.class)
                .single());
        return n == null ? 0 : n;
    }

    /** A question for the form: "七加五等于几？", its answer kept in the database for half an hour. */
    public Challenge challenge() {
        int a = 1 + random.nextInt(9);
        int b = 1 + random.nextInt(9);
        boolean plus = a < b || random.nextBoolean();
        int answer = plus ? a + b : a - b;
        UUID id = UUID.randomUUID();
        own.executeWithoutResult(status -> jdbc.sql(
                        "INSERT INTO public_challenge (id, answer, expires_at) VALUES (:id, :answer, :expires)")
                .param("id", id)
                .param("answer", answer)
                .param("expires", java.sql.Timestamp.from(clock.instant().plus(CHALLENGE_LIFE)))
                .update());
        String question = DIGITS[a] + (plus ? "加" : "减") + DIGITS[b] + "等于几？";
        return new Challenge(id.toString(), question);
    }

    public record Challenge(String id, String question) {}

    /** Checks an answer once: a used, expired, unknown or wrong one is refused the same way. */
    public void verify(String challengeId, String answer) {
        if (!challengeOn) {
            return;
        }
        UUID id;
        int given;
        try {
            id = UUID.fromString(challengeId == null ? "" : challengeId.strip());
            given = Integer.parseInt(answer == null ? "" : answer.strip());
        } catch (IllegalArgumentException e) {
            throw wrong();
        }
        Integer expected = own.execute(
                status -> jdbc.sql("DELETE FROM public_challenge WHERE id = :id AND expires_at > :now RETURNING answer")
                        .param("id", id)
                        .param("now", java.sql.Timestamp.from(clock.instant()))
                        .query(Integer.class)
                        .optional()
                        .orElse(null));
        if (expected == null || expected != given) {
            throw wrong();
        }
    }

    private static DomainException wrong() {
        return DomainException.invalid("public.challenge", "challengeAnswer", "验证问题回答不正确或已过期，请回答新的问题后重新提交");
    }

    /** Forgets counts and questions older than a day. */
    int sweep() {
        Instant dayAgo = clock.instant().minus(Duration.ofDays(1));
        int rates = jdbc.sql("DELETE FROM public_rate WHERE window_start < :t")
                .param("t", java.sql.Timestamp.from(dayAgo))
                .update();
        int questions = jdbc.sql("DELETE FROM public_challenge WHERE expires_at < :t")
                .param("t", java.sql.Timestamp.from(clock.instant()))
                .update();
        return rates + questions;
    }

    private static String hash(String address) {
        byte[] in = ("luoshi-public:" + address).getBytes(StandardCharsets.UTF_8);
        SM3Digest digest = new SM3Digest();
        digest.update(in, 0, in.length);
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return HexFormat.of().formatHex(out);
    }
}
