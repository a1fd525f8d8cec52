package org.luoshi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.luoshi.audit.AuditChainer;
import org.luoshi.support.IntegrationTest;
import org.luoshi.support.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;

/** The jar's verbs as separate processes: exit codes, output, and the embedded database's lifecycle. */
class CommandLineIT extends IntegrationTest {

    @Autowired
    AuditChainer chainer;

    private static Map<String, String> testDatabase() {
        return JarProcess.database(TestDatabase.get());
    }

    @Test
    void helpAndWrongArguments() throws Exception {
        var help = JarProcess.run(Map.of(), "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.output()).contains("audit verify").contains("account create");
        var wrong = JarProcess.run(Map.of(), "audit", "inspect");
        assertThat(wrong.exit()).isEqualTo(2);
        assertThat(wrong.output()).contains("audit inspect");
    }

    @Test
    void parseSummaryReadsFilesWithoutADatabase(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.txt");
        Files.writeString(a, """
                北湖县交通局2026年上半年工作总结
                一、上半年工作完成情况
                新改建农村公路XX公里。
                二、下半年工作安排
                一是推进国省道改造。二是做好冬季养护。
                """);
        Path b = dir.resolve("b.txt");
        Files.writeString(b, "没有标题的一段话。");
        // no database settings at all: the verb needs none
        var json = JarProcess.run(Map.of(), "parse-summary", a.toString(), b.toString(), "--json");
        assertThat(json.exit()).as(json.output()).isZero();
        assertThat(json.output())
                .contains("\"title\" : \"北湖县交通局2026年上半年工作总结\"")
                .contains("\"plans\" : [ \"推进国省道改造\", \"做好冬季养护\" ]")
                .contains("\"placeholders\" : 1");
        var text = JarProcess.run(Map.of(), "parse-summary", a.toString());
        assertThat(text.exit()).isZero();
        assertThat(text.output()).contains("二、下半年工作安排", "共 1 篇");
        var missing = JarProcess.run(
                Map.of(), "parse-summary", dir.resolve("none.txt").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.output()).contains("读不了文件");
    }

    @Test
    void auditVerifyExitsZeroWhenIntactAndNamesTheFirstBrokenRecord() throws Exception {
        chainer.chainPending();
        var ok = JarProcess.run(testDatabase(), "audit", "verify");
        assertThat(ok.exit()).as(ok.output()).isZero();
        assertThat(ok.output()).containsPattern("核验 \\d+ 条记录").contains("records checked");

        long seq = jdbc.sql("SELECT min(chain_seq) + 3 FROM audit_event")
                .query(Long.class)
                .single();
        String actor = jdbc.sql("SELECT coalesce(actor, '') FROM audit_event WHERE chain_seq = :s")
                .param("s", seq)
                .query(String.class)
                .single();
        jdbc.sql("ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only")
                .update();
        try {
            jdbc.sql("UPDATE audit_event SET actor = 'mallory' WHERE chain_seq = :s")
                    .param("s", seq)
                    .update();
            var broken = JarProcess.run(testDatabase(), "audit", "verify");
            assertThat(broken.exit()).isEqualTo(1);
            assertThat(broken.output()).contains("第 " + seq + " 条").contains("#" + seq);
        } finally {
            jdbc.sql("UPDATE audit_event SET actor = nullif(:a, '') WHERE chain_seq = :s")
                    .param("a", actor)
                    .param("s", seq)
                    .update();
            jdbc.sql("ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only")
                    .update();
        }
        assertThat(JarProcess.run(testDatabase(), "audit", "verify").exit()).isZero();
        var rekey = JarProcess.run(testDatabase(), "audit", "rekey");
        assertThat(rekey.exit()).as(rekey.output()).isZero();
        assertThat(rekey.output()).contains("已使用密钥");
        // a key that is not one: refused, nothing re-sealed (a real rotation is SealedContactIT's)
        var rotate = JarProcess.run(testDatabase(), "crypto", "rotate-key", "--new-key", "not-a-key");
        assertThat(rotate.exit()).isEqualTo(1);
        assertThat(rotate.output()).contains("未更换密钥").contains("--new-key 须为 32 位十六进制数");
    }

    @Test
    void accountCreateAndResetPasswordOnTheCommandLine() throws Exception {
        var created = JarProcess.run(
                testDatabase(),
                "account",
                "create",
                "--username",
                "cli.auditor",
                "--name",
                "命令行审计员",
                "--unit",
                "SF-DSJ",
                "--roles",
                "AUDIT_ADMIN");
        assertThat(created.exit()).as(created.output()).isZero();
        assertThat(created.output()).contains("已创建账户 cli.auditor").contains("临时密码");
        assertThat(jdbc.sql("SELECT must_change_password FROM account WHERE username = 'cli.auditor'")
                        .query(Boolean.class)
                        .single())
                .isTrue();

        var duplicate = JarProcess.run(
                testDatabase(),
                "account",
                "create",
                "--username",
                "cli.auditor",
                "--name",
                "重复",
                "--unit",
                "SF-DSJ",
                "--roles",
                "AUDIT_ADMIN");
        assertThat(duplicate.exit()).isEqualTo(2);
        assertThat(duplicate.output()).contains("已被使用");

        var mixed = JarProcess.run(
                testDatabase(),
                "account",
                "create",
                "--username",
                "cli.mixed",
                "--name",
                "兼任",
                "--unit",
                "SF-DSJ",
                "--roles",
                "AUDIT_ADMIN,LIAISON");
        assertThat(mixed.exit()).isEqualTo(2);
        assertThat(mixed.output()).contains("三员分立");

        var reset = JarProcess.run(testDatabase(), "account", "reset-password", "--username", "cli.auditor");
        assertThat(reset.exit()).isZero();
        assertThat(reset.output()).contains("临时密码");
        assertThat(auditCount("account.password.reset", "cli.auditor")).isEqualTo(1);
    }

    @Test
    void theEmbeddedDatabaseKeepsItsDataAcrossRestartsAndSurvivesAKill(@TempDir Path data) throws Exception {
        int port = JarProcess.freePort();
        Map<String, String> env = Map.of("LUOSHI_DEMO_PASSWORD", "Restart#2026");
        Process first =
                JarProcess.start(env, "serve", "--demo", "--data", data.toString(), "--port", Integer.toString(port));
        try {
            JarProcess.awaitLogin(port, first);
            assertThat(Files.exists(data.resolve("pg").resolve("PG_VERSION"))).isTrue();
            assertThat(signIn(port, "liaison", "Restart#2026")).isEqualTo(302);
            // a verb run beside the live server shares its database instead of fighting over the files
            var verify = JarProcess.run(Map.of(), "audit", "verify", "--data", data.toString());
            assertThat(verify.exit()).as(verify.output()).isZero();
            assertThat(verify.output()).containsPattern("核验 [1-9]\\d* 条记录");
            assertThat(signIn(port, "liaison", "Restart#2026"))
                    .as("the server still runs")
                    .isEqualTo(302);
        } finally {
            JarProcess.stop(first, false);
        }

        Process second =
                JarProcess.start(env, "serve", "--demo", "--data", data.toString(), "--port", Integer.toString(port));
        try {
            JarProcess.awaitLogin(port, second);
            assertThat(signIn(port, "liaison", "Restart#2026")).isEqualTo(302);
        } finally {
            JarProcess.stop(second, true); // kill -9: the postmaster is orphaned
        }

        Process third = JarProcess.start(env, "serve", "--data", data.toString(), "--port", Integer.toString(port));
        try {
            String log = JarProcess.awaitLogin(port, third);
            assertThat(log).doesNotContain("已载入演示数据");
            // outside demo mode the demo accounts cannot sign in, though their data stays
            assertThat(signIn(port, "liaison", "Restart#2026")).isEqualTo(302);
            assertThat(lastLoginRedirect).endsWith("/login?error");
        } finally {
            JarProcess.stop(third, false);
        }
    }

    @Test
    void aLedgerImportKilledMidwayLeavesNothingBehind(@TempDir Path data) throws Exception {
        int port = JarProcess.freePort();
        Map<String, String> env = Map.of("LUOSHI_DEMO_PASSWORD", "Crash#2026");
        Path sheet = data.resolveSibling(data.getFileName() + "-ledger.xlsx");
        org.luoshi.bench.LedgerFile.main(new String[] {"4000", sheet.toString(), "2099", "断电测试"});
        String base = "http://localhost:" + port;
        Process server =
                JarProcess.start(env, "serve", "--demo", "--data", data.toString(), "--port", Integer.toString(port));
        long before;
        long runId;
        try {
            JarProcess.awaitLogin(port, server);
            String token = token(base, "Crash#2026");
            before = total(base, token);
            var started = org.luoshi.support.Api.multipart(
                    base + "/api/v1/imports/ledger?background=true",
                    token,
                    "file",
                    "台账.xlsx",
                    Files.readAllBytes(sheet),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
            runId = Long.parseLong(started.body().replaceAll(".*\"runId\":(\\d+).*", "$1"));
            // kill -9 once rows are being written inside the import's one transaction
            Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
            String state = "";
            while (Instant.now().isBefore(deadline)) {
                state = get(base + "/api/v1/imports/runs/" + runId, token);
                var done = java.util.regex.Pattern.compile("\"done\":(\\d+)").matcher(state);
                if (done.find() && Integer.parseInt(done.group(1)) >= 200) {
                    break;
                }
                assertThat(state).contains("\"status\":\"RUNNING\"");
                Thread.sleep(100);
            }
            assertThat(state).as("the import was caught while writing").containsPattern("\"done\":[1-9]\\d{2,}");
        } finally {
            JarProcess.stop(server, true);
        }

        Process again =
                JarProcess.start(env, "serve", "--demo", "--data", data.toString(), "--port", Integer.toString(port));
        try {
            JarProcess.awaitLogin(port, again);
            String token = token(base, "Crash#2026");
            assertThat(total(base, token))
                    .as("no row of the killed import was kept")
                    .isEqualTo(before);
            assertThat(get(base + "/api/v1/items?q=断电测试&size=1", token)).contains("\"total\":0");
            // once its heartbeat is old, the run is said to have been interrupted
            Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
            String state = get(base + "/api/v1/imports/runs/" + runId, token);
            while (state.contains("RUNNING") && Instant.now().isBefore(deadline)) {
                Thread.sleep(1_000);
                state = get(base + "/api/v1/imports/runs/" + runId, token);
            }
            assertThat(state).contains("\"status\":\"FAILED\"", "导入中断");
            var verify = JarProcess.run(Map.of(), "audit", "verify", "--data", data.toString());
            assertThat(verify.exit()).as(verify.output()).isZero();
        } finally {
            JarProcess.stop(again, false);
            Files.deleteIfExists(sheet);
        }
    }

    /** A supervisor's token, once the demo city has loaded (the login page answers before that). */
    private static String token(String base, String password) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (true) {
            String body = tokenBody(base, password);
            if (body.contains("\"token\"") || Instant.now().isAfter(deadline)) {
                return body.replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
            }
            Thread.sleep(500);
        }
    }

    private static String tokenBody(String base, String password) throws IOException, InterruptedException {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/token"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"username\":\"supervisor\",\"password\":\"" + password + "\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static String get(String url, String token) throws IOException, InterruptedException {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create(url.replace("断电测试", java.net.URLEncoder.encode("断电测试", "UTF-8"))))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static long total(String base, String token) throws IOException, InterruptedException {
        return Long.parseLong(get(base + "/api/v1/items?size=1", token).replaceAll(".*\"total\":(\\d+).*", "$1"));
    }

    private String lastLoginRedirect;

    private int signIn(int port, String username, String password) throws IOException, InterruptedException {
        var cookies = new java.net.CookieManager();
        HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();
        String login = http.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        var m = java.util.regex.Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"")
                .matcher(login);
        assertThat(m.find()).isTrue();
        String form = "username=" + username + "&password=" + java.net.URLEncoder.encode(password, "UTF-8") + "&_csrf="
                + m.group(1);
        var r = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        lastLoginRedirect = r.headers().firstValue("Location").orElse("");
        return r.statusCode();
    }
}
