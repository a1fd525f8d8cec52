package org.luoshi.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.luoshi.support.Api;
import org.luoshi.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.UncategorizedSQLException;

class AuditTrailIT extends IntegrationTest {

    @Autowired
    AuditChainer chainer;

    @Autowired
    AuditVerifier verifier;

    @Autowired
    org.springframework.transaction.support.TransactionTemplate tx;

    @Autowired
    javax.sql.DataSource dataSource;

    @Test
    void changesAreRecordedWithWhoWhereBeforeAndAfter() {
        Api api = api();
        String admin = api.token("sysadmin", DEMO_PASSWORD);
        long id = api.post(
                        "/api/v1/units",
                        admin,
                        Map.of("name", "审计测试站", "code", "AUD-1", "kind", "DEPARTMENT", "parentId", unitId("SF")))
                .json()
                .get("id")
                .asLong();
        var row = jdbc.sql("""
                        SELECT actor, address, outcome, after ->> 'name' AS name, before IS NULL AS no_before
                          FROM audit_event WHERE action = 'unit.created' AND target_id = :id
                        """)
                .param("id", Long.toString(id))
                .query((rs, i) -> Map.of(
                        "actor", rs.getString("actor"),
                        "address", rs.getString("address"),
                        "outcome", rs.getString("outcome"),
                        "name", rs.getString("name"),
                        "noBefore", rs.getBoolean("no_before")))
                .single();
        assertThat(row)
                .containsEntry("actor", "sysadmin")
                .containsEntry("outcome", "SUCCESS")
                .containsEntry("name", "审计测试站")
                .containsEntry("noBefore", true);
        assertThat((String) row.get("address")).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(auditCount("login.succeeded", "sysadmin")).isPositive();
    }

    @Test
    void theTrailIsAppendOnlyInTheDatabase() {
        chainer.chainPending();
        long id = jdbc.sql("SELECT min(id) FROM audit_event").query(Long.class).single();
        assertThatThrownBy(() -> jdbc.sql("UPDATE audit_event SET summary = 'x' WHERE id = :id")
                        .param("id", id)
                        .update())
                .isInstanceOf(UncategorizedSQLException.class)
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM audit_event WHERE id = :id")
                        .param("id", id)
                        .update())
                .hasMessageContaining("append-only");
    }

    @Test
    void verifyFindsTheChainIntactThenNamesTheFirstAlteredRecord() {
        chainer.chainPending();
        AuditVerification intact = verifier.verify();
        assertThat(intact.intact()).as(intact.problem()).isTrue();
        assertThat(intact.checked())
                .isEqualTo(jdbc.sql("SELECT count(*) FROM audit_event WHERE chain_seq IS NOT NULL")
                        .query(Long.class)
                        .single());

        long seq = intact.checked() / 2 + 1;
        String original = jdbc.sql("SELECT summary FROM audit_event WHERE chain_seq = :s")
                .param("s", seq)
                .query(String.class)
                .single();
        asOwnerBypassingTheGuard("UPDATE audit_event SET summary = summary || '（已篡改）' WHERE chain_seq = " + seq);
        try {
            AuditVerification broken = verifier.verify();
            assertThat(broken.intact()).isFalse();
            assertThat(broken.brokenSeq()).isEqualTo(seq);
            assertThat(broken.problem()).contains("篡改");
        } finally {
            bypassingTheGuard(() -> jdbc.sql("UPDATE audit_event SET summary = :s WHERE chain_seq = :q")
                    .param("s", original)
                    .param("q", seq)
                    .update());
        }
        assertThat(verifier.verify().intact()).isTrue();
    }

    @Test
    void verifyNoticesADeletedRecordAndACutTail() {
        chainer.chainPending();
        long last = jdbc.sql("SELECT max(chain_seq) FROM audit_event")
                .query(Long.class)
                .single();
        withRecordDeleted(last, cut -> assertThat(cut.brokenSeq()).isEqualTo(last));
        long middle = last / 2;
        withRecordDeleted(middle, gap -> {
            assertThat(gap.brokenSeq()).isEqualTo(middle);
            assertThat(gap.problem()).contains("缺少第 " + middle + " 条");
        });
    }

    @Test
    void anOwnerWhoAltersARecordAndReChainsItWithoutTheKeyIsCaught() {
        chainer.chainPending();
        long last = jdbc.sql("SELECT max(chain_seq) FROM audit_event")
                .query(Long.class)
                .single();
        Map<String, Object> original = jdbc.sql("SELECT summary, hash FROM audit_event WHERE chain_seq = :s")
                .param("s", last)
                .query()
                .singleRow();
        String head = jdbc.sql("SELECT last_hash FROM audit_chain_head")
                .query(String.class)
                .single();
        chainerHeldOff(() -> alterAndReChain(last, original, head));
        assertThat(verifier.verify().intact()).isTrue();
    }

    private void alterAndReChain(long last, Map<String, Object> original, String head) {
        try {
            // the best an owner without the key can do: alter, then make the hashes agree again with SM3
            holdingTheHead(() -> {
                jdbc.sql("UPDATE audit_event SET summary = summary || '（已篡改）' WHERE chain_seq = :s")
                        .param("s", last)
                        .update();
                ChainedRecord altered = jdbc.sql(AuditSql.SELECT_RECORD + " WHERE chain_seq = :s")
                        .param("s", last)
                        .query(ChainedRecord.class)
                        .single();
                String prev = jdbc.sql("SELECT prev_hash FROM audit_event WHERE chain_seq = :s")
                        .param("s", last)
                        .query(String.class)
                        .single();
                String forged = altered.hash(last, prev);
                jdbc.sql("UPDATE audit_event SET hash = :h WHERE chain_seq = :s")
                        .param("h", forged)
                        .param("s", last)
                        .update();
                jdbc.sql("UPDATE audit_chain_head SET last_hash = :h")
                        .param("h", forged)
                        .update();
            });
            AuditVerification broken = verifier.verify();
            assertThat(broken.intact()).isFalse();
            assertThat(broken.brokenSeq()).isEqualTo(last);
            assertThat(broken.problem()).contains("篡改");
        } finally {
            bypassingTheGuard(() -> jdbc.sql("UPDATE audit_event SET summary = :m, hash = :h WHERE chain_seq = :s")
                    .param("m", original.get("summary"))
                    .param("h", original.get("hash"))
                    .param("s", last)
                    .update());
            jdbc.sql("UPDATE audit_chain_head SET last_hash = :h")
                    .param("h", head)
                    .update();
        }
    }

    @Test
    void aChainMadeBeforeKeysIsKeyedOnceAndOnlyIfItVerifies() {
        chainer.chainPending();
        String check = jdbc.sql("SELECT key_check FROM audit_chain_head")
                .query(String.class)
                .single();
        // the chain as an installation before keys left it: plain SM3 and no key check in the head
        chainerHeldOff(() -> holdingTheHead(() -> {
            String previous = ChainedRecord.GENESIS;
            long seq = 0;
            for (ChainedRecord r : jdbc.sql(AuditSql.SELECT_RECORD + " WHERE chain_seq IS NOT NULL ORDER BY chain_seq")
                    .query(ChainedRecord.class)
                    .list()) {
                seq++;
                String hash = r.hash(seq, previous);
                jdbc.sql("UPDATE audit_event SET prev_hash = :p, hash = :h WHERE chain_seq = :s")
                        .param("p", previous)
                        .param("h", hash)
                        .param("s", seq)
                        .update();
                previous = hash;
            }
            jdbc.sql("UPDATE audit_chain_head SET last_hash = :h, key_check = NULL")
                    .param("h", previous)
                    .update();
        }));
        AuditVerification unkeyed = verifier.verify();
        assertThat(unkeyed.intact()).isFalse();
        assertThat(unkeyed.problem()).contains("audit rekey");
        // new records wait outside the chain rather than join it unkeyed
        api().token("auditor", DEMO_PASSWORD);
        assertThat(chainer.chainPending()).isZero();
        long waiting = jdbc.sql("SELECT max(id) FROM audit_event WHERE chain_seq IS NULL")
                .query(Long.class)
                .optional()
                .orElseThrow();

        long middle = jdbc.sql("SELECT max(chain_seq) / 2 FROM audit_event")
                .query(Long.class)
                .single();
        String summary = jdbc.sql("SELECT summary FROM audit_event WHERE chain_seq = :s")
                .param("s", middle)
                .query(String.class)
                .single();
        asOwnerBypassingTheGuard("UPDATE audit_event SET summary = 'x' WHERE chain_seq = " + middle);
        AuditVerifier.Rekeyed refused = verifier.rekey();
        assertThat(refused.refusal()).contains("未通过校验").contains("第 " + middle + " 条");
        bypassingTheGuard(() -> jdbc.sql("UPDATE audit_event SET summary = :m WHERE chain_seq = :s")
                .param("m", summary)
                .param("s", middle)
                .update());

        AuditVerifier.Rekeyed keyed = verifier.rekey();
        assertThat(keyed.refusal()).isNull();
        assertThat(keyed.records()).isGreaterThan(middle);
        assertThat(jdbc.sql("SELECT key_check FROM audit_chain_head")
                        .query(String.class)
                        .single())
                .isEqualTo(check);
        // the scheduled chainer may link the waiting records before this call does: either way they join
        chainer.chainPending();
        assertThat(jdbc.sql("SELECT chain_seq FROM audit_event WHERE id = :id")
                        .param("id", waiting)
                        .query(Long.class)
                        .optional())
                .isPresent();
        AuditVerification after = verifier.verify();
        assertThat(after.intact()).as(after.problem()).isTrue();
        assertThat(after.pending()).isZero();
        assertThat(verifier.rekey().alreadyKeyed()).isTrue();
    }

    /** Deletes one chained record behind the guard, checks what verify says, then puts it back exactly. */
    private void withRecordDeleted(long seq, java.util.function.Consumer<AuditVerification> check) {
        // a plain table, not a temporary one: the pool may hand out another connection
        jdbc.sql("CREATE TABLE audit_backup AS SELECT * FROM audit_event WHERE chain_seq = :s")
                .param("s", seq)
                .update();
        try {
            asOwnerBypassingTheGuard("DELETE FROM audit_event WHERE chain_seq = " + seq);
            AuditVerification broken = verifier.verify();
            assertThat(broken.intact()).isFalse();
            check.accept(broken);
        } finally {
            asOwnerBypassingTheGuard("INSERT INTO audit_event OVERRIDING SYSTEM VALUE SELECT * FROM audit_backup");
            jdbc.sql("DROP TABLE audit_backup").update();
        }
        assertThat(verifier.verify().intact()).isTrue();
    }

    @Test
    void theAuditAdministratorReadsAndFiltersTheTrail() {
        var b = browserSession();
        b.login("auditor", DEMO_PASSWORD);
        var page = b.get("/audit?action=login.succeeded&actor=auditor");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("auditor 登录成功").doesNotContain("sysadmin 登录成功");
        var failures = b.get("/audit?outcome=FAILURE");
        assertThat(failures.status()).isEqualTo(200);
    }

    /** What a database owner could do behind the application's back. */
    /** With the chainer's own lock held on a connection of its own: the scheduled chainer skips its turns. */
    private void chainerHeldOff(Runnable work) {
        try (java.sql.Connection c = dataSource.getConnection();
                java.sql.Statement st = c.createStatement()) {
            st.execute("SELECT pg_advisory_lock(" + AuditChainer.LOCK_KEY + ")");
            try {
                work.run();
            } finally {
                st.execute("SELECT pg_advisory_unlock(" + AuditChainer.LOCK_KEY + ")");
            }
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    /** Behind the guard, with the chain's head locked so the chainer cannot add a record meanwhile. */
    private void holdingTheHead(Runnable change) {
        tx.executeWithoutResult(status -> {
            jdbc.sql("SELECT last_seq FROM audit_chain_head WHERE id = 1 FOR UPDATE")
                    .query(Long.class)
                    .single();
            bypassingTheGuard(change);
        });
    }

    private void asOwnerBypassingTheGuard(String sql) {
        bypassingTheGuard(() -> jdbc.sql(sql).update());
    }

    private void bypassingTheGuard(Runnable change) {
        jdbc.sql("ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only")
                .update();
        try {
            change.run();
        } finally {
            jdbc.sql("ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only")
                    .update();
        }
    }
}
