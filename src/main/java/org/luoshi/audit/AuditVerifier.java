package org.luoshi.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.core.DataClassRowMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Re-computes the chain from the first record: an altered record breaks its own hash, a deleted one
 * leaves a gap in the sequence, a cut tail disagrees with the head.
 */
@Component
public class AuditVerifier {

    private final JdbcTemplate jdbcTemplate;
    private final JdbcClient jdbc;

    AuditVerifier(DataSource dataSource, JdbcClient jdbc) {
        this.jdbcTemplate = new JdbcTemplate(dataSource);
        this.jdbcTemplate.setFetchSize(1_000); // stream the chain instead of loading it whole
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public AuditVerification verify() {
        long pending = jdbc.sql("SELECT count(*) FROM audit_event WHERE chain_seq IS NULL")
                .query(Long.class)
                .single();
        Walk walk = new Walk();
        jdbcTemplate.query(
                AuditSql.SELECT_RECORD.replace("SELECT id,", "SELECT chain_seq, prev_hash, hash, id,")
                        + " WHERE chain_seq IS NOT NULL ORDER BY chain_seq",
                walk);
        if (walk.problem != null) {
            return AuditVerification.broken(walk.checked, pending, walk.brokenSeq, walk.brokenId, walk.problem);
        }
        var head = jdbc.sql("SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1")
                .query((rs, i) -> new Object[] {rs.getLong(1), rs.getString(2)})
                .single();
        long headSeq = (Long) head[0];
        if (headSeq != walk.expectedSeq - 1 || !head[1].equals(walk.previous)) {
            return AuditVerification.broken(
                    walk.checked,
                    pending,
                    walk.expectedSeq,
                    null,
                    "链尾不符：记录止于第 " + (walk.expectedSeq - 1) + " 条，链头记载为第 " + headSeq + " 条（记录被截断或链头被改）");
        }
        return AuditVerification.ok(walk.checked, pending);
    }

    private static final class Walk implements RowCallbackHandler {
        private static final DataClassRowMapper<ChainedRecord> MAPPER = new DataClassRowMapper<>(ChainedRecord.class);
        long expectedSeq = 1;
        long checked;
        String previous = ChainedRecord.GENESIS;
        String problem;
        Long brokenSeq;
        Long brokenId;

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
            if (!record.hash(seq, previous).equals(rs.getString("hash"))) {
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
