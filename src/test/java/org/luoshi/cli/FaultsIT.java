package org.luoshi.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.luoshi.cli.Surge.firstItem;
import static org.luoshi.cli.Surge.send;
import static org.luoshi.cli.Surge.settled;
import static org.luoshi.cli.Surge.token;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.luoshi.cli.Surge.Reply;
import org.luoshi.cli.Surge.Writers;
import org.luoshi.database.EmbeddedDatabase;
import org.luoshi.support.Api;
import org.luoshi.support.Chromium;

/**
 * Faults an operator meets: the database away for ten seconds under load, the server killed with
 * -9 in the middle of a surge of writes. Each runs the packaged jar against a PostgreSQL of its own.
 */
class FaultsIT {

    private static final String PASSWORD = "Fault#Test2026";

    @Test
    void theDatabaseAwayForTenSecondsIsA503AtOnceAndNothingAcknowledgedIsLost(@TempDir Path dir) throws Exception {
        int pgPort = JarProcess.freePort();
        int appPort = JarProcess.freePort();
        EmbeddedDatabase db = EmbeddedDatabase.start(dir.resolve("db"), pgPort);
        Map<String, String> env = JarProcess.database(db, PASSWORD);
        Process app = JarProcess.start(env, "serve", "--demo", "--port", Integer.toString(appPort));
        String base = "http://localhost:" + appPort;
        Writers writers = null;
        Playwright playwright = null;
        try {
            JarProcess.awaitLogin(appPort, app);
            String token = token(base, PASSWORD);
            long item = firstItem(base, token);
            writers = new Writers(base, token, item, "断库", 4, Set.of(200, 503));
            writers.runFor(Duration.ofSeconds(3));
            playwright = Playwright.create();
            Page page = Chromium.signedIn(playwright, base, "supervisor", PASSWORD);

            db.close();
            Instant down = Instant.now();
            // a person in the middle of work: the ledger answers at once with a page that says what happened
            Response away = page.navigate(base + "/items");
            assertThat(away.status()).isEqualTo(503);
            assertThat(away.headerValue("retry-after")).isEqualTo("10");
            assertThat(page.title()).isEqualTo("系统暂时不可用 · 落实");
            assertThat(page.textContent("body")).contains("数据库暂时无法连接，您的这次操作没有保存");
            Files.createDirectories(Path.of("target/screenshots"));
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(Path.of("target/screenshots/database-away.png"))
                    .setFullPage(true));
            List<Reply> during = new ArrayList<>();
            while (Duration.between(down, Instant.now()).toSeconds() < 10) {
                during.add(send(base + "/api/v1/items/" + item, token, null));
                during.add(send(base + "/api/v1/items/" + item + "/comment", token, "{\"text\":\"库停时的留言\"}"));
            }
            db = EmbeddedDatabase.start(dir.resolve("db"), pgPort);
            // the platform comes back by itself: no restart, the pool reconnects
            Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
            while (send(base + "/api/v1/items/" + item, token, null).status() != 200) {
                assertThat(Instant.now()).as("recovered within 90 s").isBefore(deadline);
                Thread.sleep(500);
            }
            writers.stop();
            // the same browser, the same session: refreshed as the page asks, the ledger again, still signed in
            // (a pooled connection cut by the outage may still answer one more 503)
            Response back = page.navigate(base + "/items");
            Instant settle = Instant.now().plusSeconds(60);
            while (back.status() == 503 && Instant.now().isBefore(settle)) {
                Thread.sleep(1_000);
                back = page.navigate(base + "/items");
            }
            assertThat(back.status()).isEqualTo(200);
            assertThat(page.url()).isEqualTo(base + "/items");

            assertThat(during).isNotEmpty();
            assertThat(during.stream().map(Reply::status).distinct())
                    .as("while the database is away: 503, never a 500")
                    .containsOnly(503);
            Reply refused = during.getFirst();
            assertThat(refused.body()).contains("数据库暂时无法连接").contains("database.unavailable");
            assertThat(refused.retryAfter()).isEqualTo("10");
            long slowest = during.stream().mapToLong(Reply::millis).max().orElseThrow();
            System.out.printf(
                    "database away 10 s: %d requests, all 503, slowest answer %d ms; writers: %d acknowledged, statuses %s%n",
                    during.size(), slowest, writers.acknowledged.size(), writers.statuses);
            assertThat(writers.odd).as("writers saw only 200 or 503").isEmpty();
            assertThat(writers.statuses.keySet()).isSubsetOf(Set.of(200, 503));
            // a comment written while the database was away was refused, so it must not be there
            String timeline = settled(base + "/api/v1/items/" + item + "/timeline", token);
            for (String text : writers.acknowledged) {
                assertThat(timeline).as("acknowledged %s", text).contains(text);
            }
            assertThat(timeline).doesNotContain("库停时的留言");
            var verify = JarProcess.run(env, "audit", "verify");
            assertThat(verify.exit()).as(verify.output()).isZero();
        } finally {
            if (playwright != null) {
                playwright.close();
            }
            if (writers != null) {
                writers.stop();
            }
            JarProcess.stop(app, false);
            db.close();
        }
    }

    @Test
    void aServerKilledInASurgeKeepsEveryAcknowledgedWriteAndHalfOfNone(@TempDir Path data) throws Exception {
        int port = JarProcess.freePort();
        Map<String, String> env = Map.of("LUOSHI_DEMO_PASSWORD", PASSWORD);
        String base = "http://localhost:" + port;
        Process app =
                JarProcess.start(env, "serve", "--demo", "--data", data.toString(), "--port", Integer.toString(port));
        Writers writers;
        long item;
        long[] before;
        try {
            String log = JarProcess.awaitLogin(port, app);
            String token = token(base, PASSWORD);
            item = firstItem(base, token);
            int pg = Integer.parseInt(log.replaceAll("(?s).*Embedded PostgreSQL on port (\\d+).*", "$1"));
            before = comments("jdbc:postgresql://localhost:" + pg + "/luoshi", item);
            writers = new Writers(base, token, item, "断电", 16, Set.of(200, 503));
            writers.start();
            Thread.sleep(4_000);
        } finally {
            JarProcess.stop(app, true); // kill -9 with requests in flight
        }
        writers.stop();
        assertThat(writers.acknowledged)
                .as("the surge had written before the kill")
                .isNotEmpty();

        Process again =
                JarProcess.start(env, "serve", "--demo", "--data", data.toString(), "--port", Integer.toString(port));
        try {
            JarProcess.awaitLogin(port, again);
            String token = token(base, PASSWORD);
            String timeline = send(base + "/api/v1/items/" + item + "/timeline", token, null)
                    .body();
            for (String text : writers.acknowledged) {
                assertThat(timeline).as("acknowledged %s", text).contains(text);
            }
            // each comment and its audit record are one transaction: both or neither survived
            int comments = count(timeline, "断电-");
            System.out.printf(
                    "kill -9 in a surge: %d acknowledged, %d present after restart, statuses %s%n",
                    writers.acknowledged.size(), comments, writers.statuses);
            assertThat(comments).isGreaterThanOrEqualTo(writers.acknowledged.size());
        } finally {
            JarProcess.stop(again, false);
        }
        // half of none: each surviving comment was written in one transaction with its audit record
        long[] after;
        try (EmbeddedDatabase db = EmbeddedDatabase.start(data, JarProcess.freePort())) {
            after = comments(db.jdbcUrl(), item);
        }
        assertThat(after[0] - before[0]).isGreaterThanOrEqualTo(writers.acknowledged.size());
        assertThat(after[1] - before[1]).as("audit records of comments").isEqualTo(after[0] - before[0]);
        var verify = JarProcess.run(Map.of(), "audit", "verify", "--data", data.toString());
        assertThat(verify.exit()).as(verify.output()).isZero();
        assertThat(verify.output()).contains("审计日志完好");
    }

    @Test
    void aServerKilledMidImportOrMidPublicationLeavesNothingHalfWritten(@TempDir Path dir) throws Exception {
        EmbeddedDatabase db = EmbeddedDatabase.start(dir.resolve("db"), JarProcess.freePort());
        Map<String, String> env = JarProcess.database(db, PASSWORD);
        int port = JarProcess.freePort();
        String base = "http://localhost:" + port;
        String[] serve = {"serve", "--demo", "--port", Integer.toString(port)};
        Process app = JarProcess.start(env, serve);
        try (Connection sql = DriverManager.getConnection(db.jdbcUrl(), "postgres", "")) {
            JarProcess.awaitLogin(port, app);
            String token = token(base, PASSWORD);
            String imported = "SELECT count(*) FROM item WHERE title LIKE '断电导入任务%'";

            // a ledger import of 300 rows, killed inside its one transaction
            byte[] ledger = ledger(300);
            long run;
            try (Barrier barrier = Barrier.onAuditInserts(sql)) {
                HttpResponse<String> started = Api.multipart(
                        base + "/api/v1/imports/ledger?background=true",
                        token,
                        "file",
                        "断电台账.xlsx",
                        ledger,
                        HttpResponse.BodyHandlers.ofString());
                assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
                run = Long.parseLong(started.body().replaceAll(".*\"runId\":(\\d+).*", "$1"));
                long written = barrier.awaitWriterHeld();
                assertThat(single(sql, imported))
                        .as("rows the import has written are not visible before it commits")
                        .isZero();
                System.out.printf("import held mid-transaction (writing %d tables), killed%n", written);
                JarProcess.stop(app, true);
            }
            awaitOrphansGone(sql);
            assertThat(single(sql, imported)).as("nothing of the killed import").isZero();

            app = JarProcess.start(env, serve);
            JarProcess.awaitLogin(port, app);
            token = token(base, PASSWORD);
            Reply state = send(base + "/api/v1/imports/runs/" + run, token, null);
            Instant deadline = Instant.now().plusSeconds(90);
            while (state.body().contains("RUNNING")) {
                assertThat(Instant.now())
                        .as("the killed run is seen to have stopped")
                        .isBefore(deadline);
                Thread.sleep(1_000);
                state = send(base + "/api/v1/imports/runs/" + run, token, null);
            }
            assertThat(state.body()).contains("FAILED").contains("导入中断");
            HttpResponse<String> again = Api.multipart(
                    base + "/api/v1/imports/ledger",
                    token,
                    "file",
                    "断电台账.xlsx",
                    ledger,
                    HttpResponse.BodyHandlers.ofString());
            assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
            assertThat(single(sql, imported)).as("imported again, whole").isEqualTo(300);

            // a bulletin's publication, killed between its update and its audit record
            long unit = single(sql, "SELECT id FROM unit WHERE code = 'SF-LJ'");
            Reply draft = send(
                    base + "/api/v1/bulletins",
                    token,
                    "{\"unitId\":" + unit + ",\"kind\":\"MONTH\",\"day\":\"" + java.time.LocalDate.now()
                            + "\",\"fresh\":true}");
            assertThat(draft.status()).as(draft.body()).isEqualTo(201);
            long bulletin = Long.parseLong(draft.body().replaceAll("(?s)^.*?\"id\":(\\d+).*", "$1"));
            String version = draft.body().replaceAll("(?s).*\"version\":(\\d+).*", "$1");
            String published = "SELECT count(*) FROM bulletin WHERE id = " + bulletin + " AND status = 'PUBLISHED'";
            long numbered = single(
                    sql,
                    "SELECT count(*) FROM bulletin WHERE unit_id = " + unit + " AND status = 'PUBLISHED'"
                            + " AND published_at >= date_trunc('year', now())");
            try (Barrier barrier = Barrier.onAuditInserts(sql)) {
                HttpClient.newHttpClient()
                        .sendAsync(
                                HttpRequest.newBuilder(URI.create(base + "/api/v1/bulletins/" + bulletin + "/publish"))
                                        .header("Authorization", "Bearer " + token)
                                        .header("Content-Type", "application/json")
                                        .POST(HttpRequest.BodyPublishers.ofString("{\"version\":" + version + "}"))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding());
                barrier.awaitWriterHeld();
                assertThat(single(sql, published))
                        .as("not published to readers while held")
                        .isZero();
                JarProcess.stop(app, true);
            }
            awaitOrphansGone(sql);
            assertThat(single(sql, published))
                    .as("the killed publication left its draft a draft")
                    .isZero();
            String audited = "SELECT count(*) FROM audit_event WHERE action LIKE 'bulletin.publish%' AND target_id = '"
                    + bulletin + "'";
            assertThat(single(sql, audited)).isZero();

            app = JarProcess.start(env, serve);
            JarProcess.awaitLogin(port, app);
            token = token(base, PASSWORD);
            Reply done =
                    send(base + "/api/v1/bulletins/" + bulletin + "/publish", token, "{\"version\":" + version + "}");
            assertThat(done.status()).as(done.body()).isEqualTo(200);
            assertThat(done.body())
                    .as("the number the killed publication would have had: no gap, no double")
                    .contains("第" + (numbered + 1) + "期");
            assertThat(single(sql, audited))
                    .as("audited once, by the publication that committed")
                    .isEqualTo(1);
        } finally {
            JarProcess.stop(app, false);
        }
        try {
            var verify = JarProcess.run(env, "audit", "verify");
            assertThat(verify.exit()).as(verify.output()).isZero();
        } finally {
            db.close();
        }
    }

    /** A ledger of {@code rows} tasks for 临江区 under the demo city's 张志远. */
    private static byte[] ledger(int rows) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.createSheet("重点工作");
            String[] header = {"序号", "重点任务", "工作措施", "责任领导", "责任单位", "时间节点"};
            Row h = sheet.createRow(0);
            for (int i = 0; i < header.length; i++) {
                h.createCell(i).setCellValue(header[i]);
            }
            for (int r = 1; r <= rows; r++) {
                Row row = sheet.createRow(r);
                row.createCell(0).setCellValue(r);
                row.createCell(1).setCellValue("断电导入任务第" + r + "项");
                row.createCell(2).setCellValue("按月推进第" + r + "项工作");
                row.createCell(3).setCellValue("张志远");
                row.createCell(4).setCellValue("临江区");
                row.createCell(5).setCellValue("2099-12-31");
            }
            wb.write(out);
            return out.toByteArray();
        }
    }

    /**
     * Holds back every insert into the audit trail, so that a request stops inside its transaction
     * after its own writes and before its commit: the moment to kill the server.
     */
    private static final class Barrier implements AutoCloseable {
        private final Connection sql;

        private Barrier(Connection sql) {
            this.sql = sql;
        }

        static Barrier onAuditInserts(Connection sql) throws SQLException {
            sql.setAutoCommit(false);
            sql.createStatement().execute("LOCK TABLE audit_event IN SHARE MODE");
            return new Barrier(sql);
        }

        /** Waits for a server transaction that has written and now waits for the lock; the tables it writes. */
        long awaitWriterHeld() throws Exception {
            Instant deadline = Instant.now().plusSeconds(60);
            while (Instant.now().isBefore(deadline)) {
                // inside a transaction PostgreSQL keeps showing the activity it first saw: look afresh
                sql.createStatement().execute("SELECT pg_stat_clear_snapshot()");
                try (var rs = sql.createStatement().executeQuery("""
                        SELECT count(*) FROM pg_stat_activity
                         WHERE pid <> pg_backend_pid() AND wait_event_type = 'Lock' AND backend_xid IS NOT NULL
                           AND query LIKE '%INSERT INTO audit_event%'
                        """)) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        return written();
                    }
                }
                Thread.sleep(100);
            }
            sql.createStatement().execute("SELECT pg_stat_clear_snapshot()");
            StringBuilder seen = new StringBuilder();
            try (var rs = sql.createStatement().executeQuery("""
                    SELECT state, wait_event_type, backend_xid::text, left(query, 120) FROM pg_stat_activity
                     WHERE pid <> pg_backend_pid() AND datname IS NOT NULL
                    """)) {
                while (rs.next()) {
                    seen.append('\n')
                            .append(rs.getString(1))
                            .append(" | ")
                            .append(rs.getString(2))
                            .append(" | ")
                            .append(rs.getString(3))
                            .append(" | ")
                            .append(rs.getString(4));
                }
            }
            throw new AssertionError("no server transaction reached the audit trail; backends:" + seen);
        }

        private long written() throws SQLException {
            // what the held transaction has done, as the lock manager sees it
            try (var rs = sql.createStatement().executeQuery("""
                    SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                     WHERE a.pid <> pg_backend_pid() AND a.wait_event_type = 'Lock' AND l.mode = 'RowExclusiveLock'
                    """)) {
                rs.next();
                return rs.getLong(1);
            }
        }

        @Override
        public void close() throws SQLException {
            sql.rollback();
            sql.setAutoCommit(true);
        }
    }

    /** Waits until the killed server's backends have noticed and rolled back. */
    private static void awaitOrphansGone(Connection sql) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (single(
                        sql,
                        "SELECT count(*) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND backend_xid IS NOT NULL")
                > 0) {
            assertThat(Instant.now()).as("the orphaned transactions ended").isBefore(deadline);
            Thread.sleep(100);
        }
    }

    private static long single(Connection sql, String query) throws SQLException {
        try (var rs = sql.createStatement().executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The item's comments in its timeline, and the audit records of comments on it. */
    private static long[] comments(String url, long item) throws java.sql.SQLException {
        try (var c = java.sql.DriverManager.getConnection(url, "postgres", "");
                var s = c.prepareStatement("""
                        SELECT (SELECT count(*) FROM item_event WHERE item_id = ? AND type = 'COMMENT'),
                               (SELECT count(*) FROM audit_event WHERE action = 'item.comment' AND target_id = ?)
                        """)) {
            s.setLong(1, item);
            s.setString(2, Long.toString(item));
            try (var rs = s.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        }
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
