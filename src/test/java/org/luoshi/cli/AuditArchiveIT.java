package org.luoshi.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.luoshi.support.Chromium;
import org.luoshi.support.IntegrationTest;
import org.luoshi.support.TestDatabase;

/**
 * audit archive as an operator runs it: records past the retention leave the table for a file, the
 * live chain still verifies from the archive's anchor, the file proves itself against that anchor,
 * and altering the file, the anchor or the records around it is caught.
 */
class AuditArchiveIT extends IntegrationTest {

    @TempDir
    Path dir;

    @Test
    void recordsPastTheRetentionMoveToAFileThatProvesItselfAndTheChainStillVerifies() throws Exception {
        TestDatabase db = TestDatabase.get().sibling("archive");
        Map<String, String> env = new HashMap<>(JarProcess.database(db));
        env.put("LUOSHI_FIRST_RUN_ENABLED", "false");
        var schema = JarProcess.run(env, "audit", "verify");
        assertThat(schema.exit()).as(schema.output()).isZero();

        try (Connection c = db.connect();
                Statement s = c.createStatement()) {
            assertThat(count(s, "SELECT count(*) FROM audit_event"))
                    .as("an empty trail to begin with")
                    .isZero();
            // 100 records from 400 to 202 days ago, then 20 from 170 to 151 days ago
            s.execute("""
                    INSERT INTO audit_event (occurred_at, actor, address, action, outcome, target_type, target_id, summary, after)
                    SELECT now() - make_interval(days => 402 - 2 * n), 'lj.supervisor', '10.0.0.' || n, 'item.edited',
                           'SUCCESS', 'item', n::text, '修改事项第' || n || '项', jsonb_build_object('n', n, '标题', '旧事项')
                      FROM generate_series(1, 100) n
                    """);
            s.execute("""
                    INSERT INTO audit_event (occurred_at, actor, action, outcome, summary)
                    SELECT now() - make_interval(days => 171 - n), 'lj.supervisor', 'item.viewed', 'SUCCESS', '查看第' || n || '项'
                      FROM generate_series(1, 20) n
                    """);
        }

        var tooSoon = JarProcess.run(
                env, "audit", "archive", "--to", dir.resolve("x.gz").toString(), "--older-than", "30");
        assertThat(tooSoon.exit()).isEqualTo(1);
        assertThat(tooSoon.output()).contains("至少 180 天");
        assertThat(dir.resolve("x.gz")).doesNotExist();

        Path archive = dir.resolve("audit-2026.jsonl.gz");
        var archived = JarProcess.run(env, "audit", "archive", "--to", archive.toString());
        assertThat(archived.exit()).as(archived.output()).isZero();
        assertThat(archived.output()).contains("已归档审计记录 100 条（第 1–100 条");
        assertThat(dir.resolve("audit-2026.jsonl.gz.partial")).doesNotExist();
        try (Connection c = db.connect();
                Statement s = c.createStatement()) {
            assertThat(count(s, "SELECT count(*) FROM audit_event WHERE action = 'item.edited'"))
                    .isZero();
            assertThat(count(s, "SELECT count(*) FROM audit_event WHERE action = 'item.viewed'"))
                    .as("within the retention: kept")
                    .isEqualTo(20);
            assertThat(count(s, "SELECT count(*) FROM audit_event WHERE action = 'audit.archive'"))
                    .as("the archiving is itself recorded")
                    .isEqualTo(1);
        }
        var verify = JarProcess.run(env, "audit", "verify");
        assertThat(verify.exit()).as(verify.output()).isZero();
        assertThat(verify.output()).contains("审计日志完好");
        var proven = JarProcess.run(env, "audit", "verify", "--archive", archive.toString());
        assertThat(proven.exit()).as(proven.output()).isZero();
        assertThat(proven.output()).contains("归档文件完好：第 1–100 条，共 100 条记录");
        assertThat(lines(archive))
                .hasSize(101)
                .anySatisfy(l -> assertThat(l).contains("修改事项第37项").contains("10.0.0.37"));

        var again = JarProcess.run(
                env, "audit", "archive", "--to", dir.resolve("again.gz").toString());
        assertThat(again.output()).contains("没有早于 180 天的审计记录需要归档");
        var overwrite = JarProcess.run(env, "audit", "archive", "--to", archive.toString());
        assertThat(overwrite.exit()).isEqualTo(1);
        assertThat(overwrite.output()).contains("文件已存在");

        // one record altered in a copy of the file: named
        List<String> altered = new ArrayList<>(lines(archive));
        altered.set(51, altered.get(51).replace("修改事项第51项", "修改事项第15项"));
        Path forged = dir.resolve("forged.jsonl.gz");
        write(forged, altered);
        var caught = JarProcess.run(env, "audit", "verify", "--archive", forged.toString());
        assertThat(caught.exit()).isEqualTo(1);
        assertThat(caught.output()).contains("第 51 条记录").contains("已被篡改");
        // the same records, written out again byte for byte differently: the file is not the archived one
        Path rewritten = dir.resolve("rewritten.jsonl.gz");
        write(rewritten, lines(archive));
        var other = JarProcess.run(env, "audit", "verify", "--archive", rewritten.toString());
        assertThat(other.exit()).isEqualTo(1);
        assertThat(other.output()).contains("SM3 摘要与数据库中记载的不符");

        try (Connection c = db.connect();
                Statement s = c.createStatement()) {
            // nobody deletes live records by setting the archiving flag by hand
            c.setAutoCommit(false);
            s.execute("SELECT set_config('luoshi.audit_archiving', 'on', true)");
            assertThatThrownBy(() -> s.execute("DELETE FROM audit_event WHERE action = 'item.viewed'"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("append-only");
            c.rollback();
            c.setAutoCommit(true);
            assertThatThrownBy(() -> s.execute("UPDATE audit_archive SET records = records"))
                    .hasMessageContaining("append-only");

            // the owner points the anchor at the forged file: the anchor's MAC no longer holds
            String sm3 = text(s, "SELECT file_sm3 FROM audit_archive");
            s.execute("ALTER TABLE audit_archive DISABLE TRIGGER audit_archive_append_only");
            s.execute("UPDATE audit_archive SET file_sm3 = repeat('a', 64)");
            var forgedAnchor = JarProcess.run(env, "audit", "verify");
            assertThat(forgedAnchor.exit()).isEqualTo(1);
            assertThat(forgedAnchor.output()).contains("归档锚点已被改动");
            s.execute("UPDATE audit_archive SET file_sm3 = '" + sm3 + "'");

            // the owner removes the anchor to hide that records were taken out: the chain has a hole
            s.execute("CREATE TEMP TABLE kept AS SELECT * FROM audit_archive");
            s.execute("DELETE FROM audit_archive");
            var holed = JarProcess.run(env, "audit", "verify");
            assertThat(holed.exit()).isEqualTo(1);
            assertThat(holed.output()).contains("缺少第 1 条记录");
            s.execute("INSERT INTO audit_archive OVERRIDING SYSTEM VALUE SELECT * FROM kept");
            s.execute("ALTER TABLE audit_archive ENABLE TRIGGER audit_archive_append_only");
        }
        var restored = JarProcess.run(env, "audit", "verify");
        assertThat(restored.exit()).as(restored.output()).isZero();

        // the audit administrator sees on the trail's page that older records are in archive files
        Map<String, String> serve = new HashMap<>(env);
        serve.put("LUOSHI_DEMO_PASSWORD", DEMO_PASSWORD);
        int port = JarProcess.freePort();
        String base = "http://localhost:" + port;
        Process app = JarProcess.start(serve, "serve", "--demo", "--port", Integer.toString(port));
        try (Playwright playwright = Playwright.create()) {
            JarProcess.awaitLogin(port, app);
            Surge.token(base, DEMO_PASSWORD); // the demo city has loaded
            Page page = Chromium.signedIn(playwright, base, "auditor", DEMO_PASSWORD);
            page.navigate(base + "/audit");
            assertThat(page.textContent("main"))
                    .contains("更早的记录已移入归档文件：共 1 份、100 条")
                    .contains("audit-2026.jsonl.gz");
            Files.createDirectories(Path.of("target/screenshots"));
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(Path.of("target/screenshots/audit-archived.png"))
                    .setFullPage(true));
        } finally {
            JarProcess.stop(app, false);
        }
    }

    private static List<String> lines(Path file) throws Exception {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            return in.lines().toList();
        }
    }

    private static void write(Path file, List<String> lines) throws Exception {
        try (Writer out = new OutputStreamWriter(
                new GZIPOutputStream(Files.newOutputStream(file)) {
                    {
                        def.setLevel(1); // not the archiver's level: same text, other bytes
                    }
                },
                StandardCharsets.UTF_8)) {
            for (String l : lines) {
                out.write(l);
                out.write('\n');
            }
        }
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String text(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
