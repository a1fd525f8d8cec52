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
