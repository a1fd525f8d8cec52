package org.luoshi.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.luoshi.cli.Surge.send;
import static org.luoshi.cli.Surge.token;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.CookieManager;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.luoshi.cli.Surge.Reply;
import org.luoshi.database.EmbeddedDatabase;

/**
 * Two application nodes on one PostgreSQL behind a round-robin proxy, as a bureau runs them for
 * availability: a person's session goes on whichever node answers, each scheduled job runs once
 * for the pair, and when one node is killed the other carries the people and the jobs on.
 */
class ClusterIT {

    private static final String PASSWORD = "Cluster#Test2026";
    private static final String DELIVER = "reminders.deliver";
    private static final Duration DELIVER_EVERY = Duration.ofSeconds(2);

    @Test
    void twoNodesShareSessionsRunEachJobOnceAndOneCarriesOnWhenTheOtherIsKilled(@TempDir Path dir) throws Exception {
        EmbeddedDatabase db = EmbeddedDatabase.start(dir.resolve("db"), JarProcess.freePort());
        Robot robot = new Robot();
        int portA = JarProcess.freePort();
        int portB = JarProcess.freePort();
        Process a = JarProcess.start(env(db, "node-a"), "serve", "--demo", "--port", Integer.toString(portA));
        Process b = null;
        try (Connection sql = DriverManager.getConnection(db.jdbcUrl(), "postgres", "")) {
            JarProcess.awaitLogin(portA, a);
            // the same configuration on both nodes; the demo city is already there, so B loads nothing
            b = JarProcess.start(env(db, "node-b"), "serve", "--demo", "--port", Integer.toString(portB));
            JarProcess.awaitLogin(portB, b);
            try (RoundRobinProxy proxy = new RoundRobinProxy(
                    JarProcess.freePort(), List.of("http://localhost:" + portA, "http://localhost:" + portB))) {
                String base = proxy.base();

                String token = token(base, PASSWORD); // waits for the demo city to have loaded

                // a session begun on one node goes on on the other
                Browser person = new Browser(base);
                person.login("supervisor", PASSWORD);
                Set<String> served = new LinkedHashSet<>();
                for (int i = 0; i < 6; i++) {
                    Browser.Page page = person.get("/items");
                    assertThat(page.status()).as("the ledger, request %d", i).isEqualTo(200);
                    assertThat(page.body()).as("still signed in").doesNotContain("name=\"password\"");
                    served.add(page.upstream());
                }
                assertThat(served).as("both nodes answered the one session").containsExactlyInAnyOrder("0", "1");

                long item = single(sql, "SELECT id FROM item WHERE status = 'IN_PROGRESS' ORDER BY id LIMIT 1");
                long unit = single(sql, "SELECT lead_unit_id FROM item WHERE id = " + item);
                Browser.Page form = person.get("/items/" + item);
                Browser.Page posted =
                        person.post("/items/" + item + "/comment", Map.of("_csrf", form.csrf(), "text", "两个节点之间接续的留言"));
                assertThat(posted.status()).as(posted.body()).isEqualTo(302);
                assertThat(posted.upstream())
                        .as("the form's token was issued by the other node")
                        .isNotEqualTo(form.upstream());
                Browser.Page shown = person.get(URI.create(posted.location()).getPath());
                assertThat(shown.upstream()).isEqualTo(form.upstream());
                assertThat(shown.body())
                        .as("the notice left in the session by one node, shown by the other")
                        .contains("操作成功")
                        .contains("两个节点之间接续的留言");

                // each job runs once for the pair: a delivery is sent once, and runs are an interval apart
                Reply channel = send(
                        base + "/api/v1/units/" + unit + "/channels",
                        token,
                        "{\"format\":\"GENERIC\",\"url\":\"" + robot.url() + "\"}");
                assertThat(channel.status()).as(channel.body()).isEqualTo(201);
                long runsBefore = single(sql, "SELECT runs FROM scheduled_job WHERE name = '" + DELIVER + "'");
                Instant watchFrom = Instant.now();
                for (int i = 1; i <= 8; i++) {
                    Reply r = send(
                            base + "/api/v1/items/" + item + "/remind",
                            token,
                            "{\"message\":\"请加快推进（第" + i + "次催办）\"}");
                    assertThat(r.status()).as(r.body()).isEqualTo(201);
                }
                awaitSent(sql, item, 8, Instant.now().plusSeconds(90));
                Duration watched = Duration.ofSeconds(20);
                Thread.sleep(Math.max(
                        0,
                        watched.toMillis()
                                - Duration.between(watchFrom, Instant.now()).toMillis()));
                long runs = single(sql, "SELECT runs FROM scheduled_job WHERE name = '" + DELIVER + "'") - runsBefore;
                double seconds = Duration.between(watchFrom, Instant.now()).toMillis() / 1000.0;
                assertThat(robot.deliveries()).as("each delivery sent once").doesNotHaveDuplicates();
                assertThat(robot.deliveries()).hasSize(8);
                // one schedule for the pair: a run starts an interval after the last one ended, whichever node
                assertThat(runs)
                        .as("%s runs in %.1f s at one per %s", DELIVER, seconds, DELIVER_EVERY)
                        .isBetween(2L, (long) (seconds / DELIVER_EVERY.toSeconds()) + 1);
                System.out.printf(
                        "two nodes: session served by %s; %s ran %d times in %.1f s; deliveries sent by %s%n",
                        served,
                        DELIVER,
                        runs,
                        seconds,
                        strings(
                                sql,
                                "SELECT DISTINCT sent_by_node FROM reminder_delivery WHERE sent_by_node IS NOT NULL"));

                // node A killed with writes in flight: the proxy moves on, nothing acknowledged is lost
                Surge.Writers writers = new Surge.Writers(base, token, item, "双节点", 4, Set.of(200, 502));
                writers.start();
                Thread.sleep(3_000);
                JarProcess.stop(a, true);
                Thread.sleep(3_000);
                writers.stop();
                assertThat(writers.odd)
                        .as("writers saw only 200, or 502 for a write cut off")
                        .isEmpty();
                String timeline = send(base + "/api/v1/items/" + item + "/timeline", token, null)
                        .body();
                for (String text : writers.acknowledged) {
                    assertThat(timeline).as("acknowledged %s", text).contains(text);
                }
                for (int i = 0; i < 4; i++) {
                    Browser.Page page = person.get("/items");
                    assertThat(page.status()).isEqualTo(200);
                    assertThat(page.upstream()).isEqualTo("1");
                    assertThat(page.body())
                            .as("the session outlives its first node")
                            .doesNotContain("name=\"password\"");
                }
                // the jobs go on at node B; a lease A held when it died runs out first
                Instant leaseEnd = leaseUntil(sql);
                Reply r = send(base + "/api/v1/items/" + item + "/remind", token, "{\"message\":\"节点宕机后的催办\"}");
                assertThat(r.status()).as(r.body()).isEqualTo(201);
                Instant soonest = Instant.now().plusSeconds(60);
                awaitSent(sql, item, 9, leaseEnd.plusSeconds(60).isAfter(soonest) ? leaseEnd.plusSeconds(60) : soonest);
                assertThat(strings(sql, """
                                SELECT d.sent_by_node FROM reminder_delivery d JOIN reminder r ON r.id = d.reminder_id
                                 WHERE r.message = '节点宕机后的催办' AND d.channel = 'WEBHOOK'
                                """)).containsExactly("node-b");
                assertThat(robot.deliveries()).doesNotHaveDuplicates().hasSize(9);
                System.out.printf(
                        "node A killed: %d writes acknowledged, statuses %s; all present; node B delivered after it%n",
                        writers.acknowledged.size(), writers.statuses);
            }
        } finally {
            if (b != null) {
                JarProcess.stop(b, false);
            }
            JarProcess.stop(a, false);
            robot.close();
        }
        try {
            var verify = JarProcess.run(env(db, "verify"), "audit", "verify");
            assertThat(verify.exit()).as(verify.output()).isZero();
        } finally {
            db.close();
        }
    }

    private static Map<String, String> env(EmbeddedDatabase db, String node) {
        Map<String, String> env = JarProcess.database(db, PASSWORD);
        env.put("LUOSHI_JOBS_NODE", node);
        env.put("LUOSHI_JOBS_TICK", "PT1S");
        env.put("LUOSHI_REMINDERS_DELIVER_INTERVAL", "PT" + DELIVER_EVERY.toSeconds() + "S");
        return env;
    }

    /** Waits until the item's manual reminders have this many webhook deliveries sent. */
    private static void awaitSent(Connection sql, long item, int expected, Instant deadline) throws Exception {
        String count = """
                SELECT count(*) FROM reminder_delivery d JOIN reminder r ON r.id = d.reminder_id
                 WHERE r.item_id = %d AND r.cause = 'MANUAL' AND d.channel = 'WEBHOOK' AND d.status = 'SENT'
                """.formatted(item);
        while (single(sql, count) < expected) {
            assertThat(Instant.now()).as("%d deliveries sent", expected).isBefore(deadline);
            Thread.sleep(250);
        }
    }

    private static Instant leaseUntil(Connection sql) throws SQLException {
        try (var rs = sql.createStatement()
                .executeQuery("SELECT lease_until FROM scheduled_job WHERE name = '" + DELIVER + "'")) {
            rs.next();
            Timestamp t = rs.getTimestamp(1);
            return t == null ? Instant.now() : t.toInstant();
        }
    }

    private static long single(Connection sql, String query) throws SQLException {
        try (var rs = sql.createStatement().executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<String> strings(Connection sql, String query) throws SQLException {
        List<String> out = new ArrayList<>();
        try (var rs = sql.createStatement().executeQuery(query)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** A group robot's webhook: remembers the delivery id of each message it is sent. */
    private static final class Robot implements AutoCloseable {
        private static final Pattern ID = Pattern.compile("\"deliveryId\":(\\d+)");
        private final HttpServer server;
        private final List<Long> received = new CopyOnWriteArrayList<>();

        Robot() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
            server.createContext("/hook", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                Matcher m = ID.matcher(body);
                if (m.find()) {
                    received.add(Long.parseLong(m.group(1)));
                }
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        List<Long> deliveries() {
            return List.copyOf(received);
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    /** A person's browser: keeps its cookies, follows nothing by itself, reads the proxy's node header. */
    private static final class Browser {
        private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
        private final String base;
        private final HttpClient http;

        record Page(int status, String body, String upstream, String location) {
            String csrf() {
                Matcher m = CSRF.matcher(body);
                assertThat(m.find()).as("a form token on the page").isTrue();
                return m.group(1);
            }
        }

        Browser(String base) {
            this.base = base;
            this.http = HttpClient.newBuilder()
                    .cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
        }

        void login(String username, String password) throws IOException, InterruptedException {
            Page form = get("/login");
            Page signedIn = post("/login", Map.of("_csrf", form.csrf(), "username", username, "password", password));
            assertThat(signedIn.status()).isEqualTo(302);
            assertThat(signedIn.location())
                    .as("signed in, not sent back to the form")
                    .doesNotContain("error");
            assertThat(signedIn.upstream())
                    .as("the login form came from the other node")
                    .isNotEqualTo(form.upstream());
        }

        Page get(String path) throws IOException, InterruptedException {
            return page(HttpRequest.newBuilder(URI.create(base + path)).GET());
        }

        Page post(String path, Map<String, String> form) throws IOException, InterruptedException {
            String body = form.entrySet().stream()
                    .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            return page(HttpRequest.newBuilder(URI.create(base + path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
        }

        private Page page(HttpRequest.Builder request) throws IOException, InterruptedException {
            HttpResponse<String> r =
                    http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return new Page(
                    r.statusCode(),
                    r.body(),
                    r.headers().firstValue(RoundRobinProxy.UPSTREAM).orElse("?"),
                    r.headers().firstValue("Location").orElse(""));
        }
    }
}
