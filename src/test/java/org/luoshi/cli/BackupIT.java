package org.luoshi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.luoshi.audit.AuditChainer;
import org.luoshi.support.IntegrationTest;
import org.luoshi.support.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;

/** backup and restore as an operator runs them: the copy holds the same rows and its audit trail verifies. */
class BackupIT extends IntegrationTest {

    @Autowired
    AuditChainer chainer;

    @Autowired
    DataSource dataSource;

    @TempDir
    Path dir;

    @Test
    void aBackupRestoredIntoAnEmptyDatabaseHoldsTheSameRowsAndItsTrailVerifies() throws Exception {
        TestDatabase source = TestDatabase.get();
        Path file = dir.resolve("luoshi-backup.zip");
        Map<String, String> before;
        chainer.chainPending();
        // the chainer of this JVM holds off while the backup is taken and fingerprinted: nothing moves
        try (Connection lock = dataSource.getConnection();
                Statement st = lock.createStatement()) {
            st.execute("SELECT pg_advisory_lock(" + AuditChainer.LOCK_KEY + ")");
            try {
                var backup = JarProcess.run(JarProcess.database(source), "backup", "--to", file.toString());
                assertThat(backup.exit()).as(backup.output()).isZero();
                assertThat(backup.output()).contains("已备份到").contains("backup written");
                before = fingerprints(source);
            } finally {
                st.execute("SELECT pg_advisory_unlock(" + AuditChainer.LOCK_KEY + ")");
            }
        }
        assertThat(Files.size(file)).isPositive();
        assertThat(dir.resolve("luoshi-backup.zip.partial")).doesNotExist();

        TestDatabase copy = source.sibling("restored");
        var restore = JarProcess.run(JarProcess.database(copy), "restore", "--from", file.toString());
        assertThat(restore.exit()).as(restore.output()).isZero();
        assertThat(restore.output()).contains("已从").contains("restored:");
        Map<String, String> after = fingerprints(copy);
        assertThat(after.keySet()).containsExactlyInAnyOrderElementsOf(before.keySet());
        before.forEach((table, print) -> assertThat(after.get(table)).as(table).isEqualTo(print));

        var verify = JarProcess.run(JarProcess.database(copy), "audit", "verify");
        assertThat(verify.exit()).as(verify.output()).isZero();
        // a new item on the copy takes the next id, not one the restored rows hold
        try (Connection c = copy.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT nextval(pg_get_serial_sequence('audit_event', 'id')) > (SELECT max(id) FROM audit_event)")) {
            rs.next();
            assertThat(rs.getBoolean(1)).isTrue();
        }

        // a database that already holds data is never overwritten
        long accounts =
                jdbc.sql("SELECT count(*) FROM account").query(Long.class).single();
        var refused = JarProcess.run(JarProcess.database(source), "restore", "--from", file.toString());
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.output()).contains("只能恢复到空数据库");
        assertThat(jdbc.sql("SELECT count(*) FROM account").query(Long.class).single())
                .isEqualTo(accounts);

        var missing = JarProcess.run(
                JarProcess.database(copy),
                "restore",
                "--from",
                dir.resolve("none.zip").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.output()).contains("备份文件不存在");
    }

    /** Each table's row count and a digest of its rows in a stable order. */
    private static Map<String, String> fingerprints(TestDatabase db) throws Exception {
        Map<String, String> prints = new LinkedHashMap<>();
        try (Connection c = db.connect();
                Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("""
                    SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                     WHERE n.nspname = current_schema() AND c.relkind = 'r'
                       AND c.relname NOT IN ('flyway_schema_history', 'spring_session', 'spring_session_attributes')
                    """)) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String t : tables) {
                try (ResultSet rs = s.executeQuery(
                        "SELECT count(*) || ':' || coalesce(md5(string_agg(md5(x::text), '' ORDER BY md5(x::text))), '') FROM \""
                                + t + "\" x")) {
                    rs.next();
                    prints.put(t, rs.getString(1));
                }
            }
        }
        return prints;
    }
}
