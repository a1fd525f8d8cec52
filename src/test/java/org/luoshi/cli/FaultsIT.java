package org.luoshi.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.luoshi.cli.Surge.firstItem;
import static org.luoshi.cli.Surge.send;
import static org.luoshi.cli.Surge.settled;
import static org.luoshi.cli.Surge.token;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.luoshi.cli.Surge.Reply;
import org.luoshi.cli.Surge.Writers;
import org.luoshi.database.EmbeddedDatabase;

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
        Map<String, String> env = Map.of(
                "LUOSHI_DATABASE_URL",
                db.jdbcUrl(),
                "LUOSHI_DATABASE_USERNAME",
                "postgres",
                "LUOSHI_DATABASE_PASSWORD",
                "",
                "LUOSHI_DEMO_PASSWORD",
                PASSWORD);
        Process app = JarProcess.start(env, "serve", "--demo", "--port", Integer.toString(appPort));
        String base = "http://localhost:" + appPort;
        Writers writers = null;
        try {
            JarProcess.awaitLogin(appPort, app);
            String token = token(base, PASSWORD);
            long item = firstItem(base, token);
            writers = new Writers(base, token, item, "断库", 4, Set.of(200, 503));
            writers.runFor(Duration.ofSeconds(3));

            db.close();
            Instant down = Instant.now();
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
