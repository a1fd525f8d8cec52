package org.luoshi.audit;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Links committed audit rows into the SM3 chain in the order it finds them. An advisory lock makes
 * one node at a time do it; a row committed late simply joins the chain later.
 */
@Component
public class AuditChainer {

    /** The advisory lock one chainer holds while it links; whoever holds it keeps the chain still. */
    public static final long LOCK_KEY = 0x4C756F7368694175L; // "LuoshiAu"

    private static final int BATCH = 2_000;

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AuditChainer.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final AuditKey key;
    private volatile String warned;

    AuditChainer(JdbcClient jdbc, TransactionTemplate tx, AuditKey key) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.key = key;
    }

    @Scheduled(fixedDelayString = "${luoshi.audit.chain-interval:1s}", initialDelayString = "2s")
    void scheduled() {
        // another node (or a caller below) busy chaining does the same work: skip rather than queue
        chain(false);
    }

    /**
     * Chains everything committed so far, waiting for a chainer that holds the lock to finish first;
     * returns how many rows this call linked.
     */
    public int chainPending() {
        return chain(true);
    }

    private int chain(boolean wait) {
        int total = 0;
        int n;
        do {
            n = tx.execute(status -> chainBatch(wait));
            total += n;
        } while (n == BATCH);
        return total;
    }

    private int chainBatch(boolean wait) {
        if (wait) {
            jdbc.sql("SELECT pg_advisory_xact_lock(:key)")
                    .param("key", LOCK_KEY)
                    .query()
                    .listOfRows();
        } else if (!jdbc.sql("SELECT pg_try_advisory_xact_lock(:key)")
                .param("key", LOCK_KEY)
                .query(Boolean.class)
                .single()) {
            return 0;
        }
        List<ChainedRecord> pending = jdbc.sql(
                        AuditSql.SELECT_RECORD + " WHERE chain_seq IS NULL ORDER BY id LIMIT :limit FOR UPDATE")
                .param("limit", BATCH)
                .query(ChainedRecord.class)
                .list();
        if (pending.isEmpty()) {
            return 0;
        }
        var head = jdbc.sql("SELECT last_seq, last_hash, key_check FROM audit_chain_head WHERE id = 1 FOR UPDATE")
                .query((rs, i) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3)})
                .single();
        long seq = (Long) head[0];
        String previous = (String) head[1];
        String check = key.check();
        if (head[2] == null && seq == 0) {
            // a new chain starts under this key
            jdbc.sql("UPDATE audit_chain_head SET key_check = :c WHERE id = 1")
                    .param("c", check)
                    .update();
        } else if (!check.equals(head[2])) {
            // records wait unchained (verify counts them) rather than join a chain under another key
            warnOnce(
                    head[2] == null
                            ? "审计链建于启用密钥之前：新记录暂不入链，请审计管理员先运行 audit verify，再运行 audit rekey"
                            : "配置的审计密钥（luoshi.audit.chain-key）不是建链时的密钥：新记录暂不入链");
            return 0;
        }
        for (ChainedRecord r : pending) {
            seq++;
            String hash = r.keyedHash(seq, previous, key);
            jdbc.sql("UPDATE audit_event SET chain_seq = :seq, prev_hash = :prev, hash = :hash WHERE id = :id")
                    .param("seq", seq)
                    .param("prev", previous)
                    .param("hash", hash)
                    .param("id", r.id())
                    .update();
            previous = hash;
        }
        jdbc.sql("UPDATE audit_chain_head SET last_seq = :seq, last_hash = :hash WHERE id = 1")
                .param("seq", seq)
                .param("hash", previous)
                .update();
        return pending.size();
    }

    private void warnOnce(String message) {
        if (!message.equals(warned)) {
            warned = message;
            log.error(message);
        }
    }
}
