package org.luoshi.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.DataClassRowMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Re-computes the chain from the first record under the audit key: an altered record breaks its
 * own hash, a deleted one leaves a gap in the sequence, a cut tail disagrees with the head, and a
 * record re-chained by someone without the key breaks like an altered one.
 */
@Component
public class AuditVerifier {

    private final JdbcTemplate jdbcTemplate;
    private final JdbcClient jdbc;
    private final AuditKey key;

    AuditVerifier(DataSource dataSource, JdbcClient jdbc, AuditKey key) {
        this.jdbcTemplate = new JdbcTemplate(dataSource);
        this.jdbcTemplate.setFetchSize(1_000); // stream the chain instead of loading it whole
        this.jdbc = jdbc;
        this.key = key;
    }

    /** What re-keying an old chain did: how many records, or why it would not. */
    public record Rekeyed(long records, boolean alreadyKeyed, String refusal) {}

    @Transactional(readOnly = true)
    public AuditVerification verify() {
        long pending = jdbc.sql("SELECT count(*) FROM audit_event WHERE chain_seq IS NULL")
                .query(Long.class)
                .single();
        Head head = head(false);
        if (head.lastSeq() > 0 && head.keyCheck() == null) {
            return AuditVerification.broken(0, pending, 1, null, "链头没有审计密钥的校验值：这条链建于启用密钥之前（请先运行 audit rekey），或校验值已被删除");
        }
        if (head.keyCheck() != null && !head.keyCheck().equals(key.check())) {
            return AuditVerification.broken(0, pending, 1, null, "配置的审计密钥不是建链时的密钥（luoshi.audit.chain-key），或链头的校验值已被改动");
        }
        // archived records are gone from the table: their anchors must hold and link, and the live chain starts after
        // them
        long firstLive = 1;
        String previous = ChainedRecord.GENESIS;
        for (AuditArchiver.Anchor a : AuditArchiver.anchors(jdbc)) {
            if (!a.expectedMac(key).equals(a.anchorMac())) {
                return AuditVerification.broken(
                        0, pending, a.firstSeq(), null, "起于第 " + a.firstSeq() + " 条的归档锚点已被改动（校验码不符）");
            }
            if (a.firstSeq() != firstLive || !a.firstPrevHash().equals(previous)) {
                return AuditVerification.broken(0, pending, firstLive, null, "归档锚点不相衔接：缺少起于第 " + firstLive + " 条的归档");
            }
            firstLive = a.lastSeq() + 1;
            previous = a.lastHash();
        }
        Walk walk = walk(true, firstLive, previous);
        if (walk.problem != null) {
            return AuditVerification.broken(walk.checked, pending, walk.brokenSeq, walk.brokenId, walk.problem);
        }
        if (head.lastSeq() != walk.expectedSeq - 1 || !head.lastHash().equals(walk.previous)) {
            return AuditVerification.broken(
                    walk.checked,
                    pending,
                    walk.expectedSeq,
                    null,
                    "链尾不符：记录止于第 " + (walk.expectedSeq - 1) + " 条，链头记载为第 " + head.lastSeq() + " 条（记录被截断或链头被改）");
        }
        return AuditVerification.ok(walk.checked, pending);
    }

    /**
     * Turns a chain made before keys into a keyed one, once, after checking it whole under plain
     * SM3: a chain that does not verify is left as it is and the refusal says where it broke.
     */
    @Transactional
    public Rekeyed rekey() {
        Head head = head(true);
        if (head.keyCheck() != null) {
            return new Rekeyed(0, true, null);
        }
        Walk plain = walk(false, 1, ChainedRecord.GENESIS);
        if (plain.problem != null) {
            return new Rekeyed(0, false, "审计链未通过校验，未作改动：" + plain.problem);
        }
        if (head.lastSeq() != plain.expectedSeq - 1 || !head.lastHash().equals(plain.previous)) {
            return new Rekeyed(0, false, "审计链链尾不符，未作改动");
        }
        List<Object[]> rehashed = new ArrayList<>();
        String previous = ChainedRecord.GENESIS;
        for (ChainedRecord r : jdbc.sql(AuditSql.SELECT_RECORD.replace("SELECT id,", "SELECT chain_seq, id,")
                        + " WHERE chain_seq IS NOT NULL ORDER BY chain_seq")
                .query(ChainedRecord.class)
                .list()) {
            long seq = rehashed.size() + 1L;
            String hash = r.keyedHash(seq, previous, key);
            rehashed.add(new Object[] {previous, hash, seq});
            previous = hash;
        }
        // the append-only guard refuses any change to a chained row: lifted for this one transaction
        jdbc.sql("ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only")
                .update();
        jdbcTemplate.batchUpdate("UPDATE audit_event SET prev_hash = ?, hash = ? WHERE chain_seq = ?", rehashed);
        jdbc.sql("ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only")
                .update();
        jdbc.sql("UPDATE audit_chain_head SET last_hash = :h, key_check = :c WHERE id = 1")
                .param("h", previous)
                .param("c", key.check())
                .update();
        return new Rekeyed(rehashed.size(), false, null);
    }

    private record Head(long lastSeq, String lastHash, String keyCheck) {}

    private Head head(boolean lock) {
        return jdbc.sql("SELECT last_seq, last_hash, key_check FROM audit_chain_head WHERE id = 1"
                        + (lock ? " FOR UPDATE" : ""))
                .query((rs, i) -> new Head(rs.getLong(1), rs.getString(2), rs.getString(3)))
                .single();
    }

    private Walk walk(boolean keyed, long firstSeq, String previous) {
        Walk walk = new Walk(keyed ? key : null);
        walk.expectedSeq = firstSeq;
        walk.previous = previous;
        jdbcTemplate.query(
                AuditSql.SELECT_RECORD.replace("SELECT id,", "SELECT chain_seq, prev_hash, hash, id,")
                        + " WHERE chain_seq IS NOT NULL ORDER BY chain_seq",
                walk);
        return walk;
    }

    private static final class Walk implements RowCallbackHandler {
        private static final DataClassRowMapper<ChainedRecord> MAPPER = new DataClassRowMapper<>(ChainedRecord.class);
        private final AuditKey key;
        long expectedSeq = 1;
        long checked;
        String previous = ChainedRecord.GENESIS;
        String problem;
        Long brokenSeq;
        Long brokenId;

        Walk(AuditKey key) {
            this.key = key;
        }

        @Override
        public void processRow(ResultSet rs) throws SQLException {
            if (problem != null) {
                return;
            }
            long seq = rs.getLong("chain_seq");
            ChainedRecord record = MAPPER.mapRow(rs, 0);
            if (seq != expectedSeq) {
                fail(
                        expectedSeq,
                        null,
                        "缺少第 " + expectedSeq + " 条记录（已被删除），下一条为第 " + seq + " 条（id " + record.id() + "）");
                return;
            }
            if (!previous.equals(rs.getString("prev_hash"))) {
                fail(seq, record.id(), "第 " + seq + " 条记录（id " + record.id() + "）的前序哈希与上一条不符");
                return;
            }
            String expected = key == null ? record.hash(seq, previous) : record.keyedHash(seq, previous, key);
            if (!expected.equals(rs.getString("hash"))) {
                fail(seq, record.id(), "第 " + seq + " 条记录（id " + record.id() + "）的内容已被篡改");
                return;
            }
            previous = rs.getString("hash");
            expectedSeq++;
            checked++;
        }

        private void fail(long seq, Long id, String message) {
            brokenSeq = seq;
            brokenId = id;
            problem = message;
        }
    }
}
