package org.luoshi.reminder;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.luoshi.LuoshiApplication;
import org.luoshi.support.Api;
import org.luoshi.support.IntegrationTest;
import org.luoshi.support.TestDatabase;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reminders found, escalated and delivered by two application nodes on one PostgreSQL, to a real
 * SMTP server (GreenMail) and real HTTP endpoints standing in for group-chat robots.
 */
class ReminderIT extends IntegrationTest {

    static GreenMail smtp;
    static HttpServer robots;
    static final List<String> wecom = Collections.synchronizedList(new ArrayList<>());
    static final List<JsonNode> generic = Collections.synchronizedList(new ArrayList<>());
    static final AtomicBoolean brokenFails = new AtomicBoolean(true);
    static ConfigurableApplicationContext nodeA;
    static ConfigurableApplicationContext nodeB;

    @BeforeAll
    static void servers() throws IOException {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        robots = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        robots.createContext("/wecom", ex -> {
            wecom.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            answer(ex, 200, "{\"errcode\":0,\"errmsg\":\"ok\"}");
        });
        robots.createContext("/generic", ex -> {
            generic.add(
                    JsonMapper.builder().build().readTree(ex.getRequestBody().readAllBytes()));
            answer(ex, 204, null);
        });
        robots.createContext("/broken", ex -> {
            ex.getRequestBody().readAllBytes();
            if (brokenFails.get()) {
                answer(ex, 500, "robot is down");
            } else {
                answer(ex, 200, "{\"code\":0}");
            }
        });
        robots.start();
    }

    private static void answer(com.sun.net.httpserver.HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        if (b.length > 0) {
            ex.getResponseBody().write(b);
        }
        ex.close();
    }

    /** A second and third server on the same database, mailing through GreenMail; jobs driven by hand. */
    private static ConfigurableApplicationContext node(String name) {
        TestDatabase db = TestDatabase.get();
        // as arguments, so that they outrank application.properties like a command line does
        return new SpringApplicationBuilder(LuoshiApplication.class)
                .run(
                        "--server.port=0",
                        "--luoshi.database.url=" + db.url(),
                        "--luoshi.database.username=" + db.username(),
                        "--luoshi.database.password=" + db.password(),
                        "--luoshi.demo.enabled=false",
                        "--luoshi.jobs.enabled=false",
                        "--luoshi.jobs.node=" + name,
                        "--spring.mail.host=127.0.0.1",
                        "--spring.mail.port=" + smtp.getSmtp().getPort());
    }

    @AfterAll
    static void stop() {
        for (var node : new ConfigurableApplicationContext[] {nodeA, nodeB}) {
            if (node != null) {
                node.close();
            }
        }
        robots.stop(0);
        smtp.stop();
    }

    /** Runs the same work on both nodes at the same moment, as two servers' timers would. */
    private static <T> List<T> onBothNodes(java.util.function.Function<ConfigurableApplicationContext, T> work)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (var node : List.of(nodeA, nodeB)) {
                futures.add(pool.submit((Callable<T>) () -> {
                    start.await();
                    return work.apply(node);
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private long count(String sql, Object... params) {
        var spec = jdbc.sql(sql);
        for (int i = 0; i < params.length; i++) {
            spec = spec.param(i + 1, params[i]);
        }
        return spec.query(Long.class).single();
    }

    @Test
    void remindersAreFoundEscalatedAndDeliveredOnceByTwoNodes() throws Exception {
        nodeA = node("node-a");
        nodeB = node("node-b");
        Api api = api();
        String supervisor = api.token("supervisor", DEMO_PASSWORD);
        String liaison = api.token("liaison", DEMO_PASSWORD);
        String head = api.token("unithead", DEMO_PASSWORD);
        String leader = api.token("leader", DEMO_PASSWORD);
        long unit = unitId("SF-LJ");
        api.put("/api/v1/me/email", liaison, Map.of("email", "liaison@linjiang.example"));
        api.put("/api/v1/me/email", head, Map.of("email", "head@linjiang.example"));
        api.put("/api/v1/me/email", leader, Map.of("email", "leader@city.example"));
        assertThat(api.put("/api/v1/me/email", liaison, Map.of("email", "not an address"))
                        .status())
                .isEqualTo(400);
        String base = "http://127.0.0.1:" + robots.getAddress().getPort();
        assertThat(api.post(
                                "/api/v1/units/" + unit + "/channels",
                                liaison,
                                Map.of("format", "WECOM", "url", base + "/wecom"))
                        .status())
                .isEqualTo(403);
        assertThat(api.post(
                                "/api/v1/units/" + unit + "/channels",
                                supervisor,
                                Map.of("format", "WECOM", "url", "ftp://x"))
                        .status())
                .isEqualTo(400);
        api.post("/api/v1/units/" + unit + "/channels", supervisor, Map.of("format", "WECOM", "url", base + "/wecom"));
        api.post(
                "/api/v1/units/" + unit + "/channels",
                supervisor,
                Map.of("format", "GENERIC", "url", base + "/generic"));
        api.post(
                "/api/v1/units/" + unit + "/channels", supervisor, Map.of("format", "FEISHU", "url", base + "/broken"));

        // an item due in two days, and one whose deadline has passed (set in the database: no one may dispatch that)
        LocalDate today = LocalDate.now();
        long leaderId = count("SELECT id FROM account WHERE username = ?", "leader");
        long dueSoon = accepted(api, supervisor, liaison, "菜市场周边交通整治", today.plusDays(2), leaderId);
        long overdue = accepted(api, supervisor, liaison, "背街小巷路灯修复", today.plusDays(20), leaderId);
        jdbc.sql("UPDATE item SET deadline = :d WHERE id = :id")
                .param("d", today.minusDays(3))
                .param("id", overdue)
                .update();
        long before = count("SELECT count(*) FROM reminder");

        List<Integer> created =
                onBothNodes(n -> n.getBean(ReminderService.class).scan());
        long after = count("SELECT count(*) FROM reminder");
        assertThat(created.get(0) + created.get(1))
                .as("what both nodes say they made")
                .isEqualTo((int) (after - before));
        assertThat(count("SELECT count(*) FROM reminder WHERE item_id = ? AND cause = 'DUE_SOON'", dueSoon))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM reminder WHERE item_id = ? AND cause = 'OVERDUE'", overdue))
                .isEqualTo(1);
        assertThat(nodeA.getBean(ReminderService.class).scan())
                .as("nothing new the same day")
                .isZero();

        List<Integer> sent = onBothNodes(n -> {
            int total = 0;
            for (int round = 0; round < 3; round++) {
                total += n.getBean(Deliverer.class).deliverDue();
            }
            return total;
        });
        long sentRows = count("SELECT count(*) FROM reminder_delivery WHERE status = 'SENT'");
        assertThat((long) sent.get(0) + sent.get(1)).isEqualTo(sentRows);
        assertThat(count("SELECT count(DISTINCT sent_by_node) FROM reminder_delivery WHERE status = 'SENT'"))
                .as("both nodes took part")
                .isGreaterThanOrEqualTo(1);
        assertThat((long) wecom.size())
                .isEqualTo(count("SELECT count(*) FROM reminder_delivery WHERE format = 'WECOM' AND status = 'SENT'"));
        List<Long> genericIds =
                generic.stream().map(j -> j.get("deliveryId").asLong()).toList();
        assertThat(genericIds).doesNotHaveDuplicates();
        assertThat((long) genericIds.size())
                .isEqualTo(
                        count("SELECT count(*) FROM reminder_delivery WHERE format = 'GENERIC' AND status = 'SENT'"));
        MimeMessage[] mails = smtp.getReceivedMessages();
        assertThat((long) mails.length)
                .isEqualTo(count("SELECT count(*) FROM reminder_delivery WHERE channel = 'EMAIL' AND status = 'SENT'"));
        assertThat(java.util.Arrays.stream(mails).map(m -> {
                    try {
                        return m.getSubject();
                    } catch (jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                }))
                .anyMatch(s -> s.contains("临近时限") && s.contains("菜市场周边交通整治"));
        JsonNode one = generic.stream()
                .filter(j -> j.get("item").get("id").asLong() == overdue)
                .findFirst()
                .orElseThrow();
        assertThat(one.get("cause").asString()).isEqualTo("OVERDUE");
        assertThat(one.get("message").asString()).contains("逾期3天");

        // the broken robot is retried later, not now, and shown to the supervisor
        long broken = count(
                "SELECT count(*) FROM reminder_delivery WHERE format = 'FEISHU' AND status = 'PENDING' AND attempts = 1"
                        + " AND next_attempt_at > now() AND last_error LIKE '%HTTP 500%'");
        assertThat(broken).isEqualTo(count("SELECT count(*) FROM reminder_delivery WHERE format = 'FEISHU'"));
        JsonNode troubled =
                api.get("/api/v1/deliveries/troubled", supervisor).json().get("deliveries");
        assertThat(troubled.size()).isPositive();
        brokenFails.set(false);
        long firstBroken = troubled.get(0).get("id").asLong();
        api.post("/api/v1/deliveries/" + firstBroken + "/retry", supervisor, Map.of());
        nodeB.getBean(Deliverer.class).deliverDue();
        assertThat(count("SELECT count(*) FROM reminder_delivery WHERE id = ? AND status = 'SENT'", firstBroken))
                .isEqualTo(1);

        // ignored for two working days: the yellow card copies the head, then the red one the leader
        age(overdue, "OVERDUE");
        nodeA.getBean(ReminderService.class).scan();
        assertThat(levels(overdue)).containsExactly("NOTICE", "YELLOW");
        assertThat(copied(overdue, "YELLOW")).contains("unithead").doesNotContain("leader");
        age(overdue, "OVERDUE");
        nodeB.getBean(ReminderService.class).scan();
        assertThat(levels(overdue)).containsExactly("NOTICE", "YELLOW", "RED");
        assertThat(copied(overdue, "RED")).contains("unithead", "leader");
        assertThat(levels(dueSoon)).as("a heads-up does not escalate").containsExactly("NOTICE");

        JsonNode inbox = api.get("/api/v1/inbox", liaison).json();
        int unread = inbox.get("unread").asInt();
        assertThat(unread).isPositive();
        long first = inbox.get("reminders").get(0).get("id").asLong();
        assertThat(api.post("/api/v1/inbox/" + first + "/read", liaison, Map.of())
                        .json()
                        .get("unread")
                        .asInt())
                .isEqualTo(unread - 1);

        assertThat(api.post("/api/v1/items/" + dueSoon + "/remind", liaison, Map.of("message", "x"))
                        .status())
                .isEqualTo(403);
        Api.Response manual = api.post(
                "/api/v1/items/" + dueSoon + "/remind", supervisor, Map.of("level", "RED", "message", "请今天下班前报送整治方案"));
        assertThat(manual.status()).isEqualTo(201);
        assertThat(manual.json().get("subject").asString()).startsWith("【红牌】督查催办");
        assertThat(api.get("/api/v1/inbox?unread=true", leader)
                        .json()
                        .get("reminders")
                        .valueStream()
                        .map(r -> r.get("message").asString()))
                .contains("请今天下班前报送整治方案");
    }

    @Test
    void theSystemAdministratorSeesAndRunsTheJobs() {
        Api api = api();
        String admin = api.token("sysadmin", DEMO_PASSWORD);
        assertThat(api.get("/api/v1/jobs", api.token("supervisor", DEMO_PASSWORD))
                        .status())
                .isEqualTo(403);
        Api.Response list = api.get("/api/v1/jobs", admin);
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        JsonNode jobs = list.json().get("jobs");
        assertThat(jobs.valueStream().map(j -> j.get("name").asString()))
                .contains("reminders.scan", "reminders.deliver");
        long runsBefore = count("SELECT runs FROM scheduled_job WHERE name = ?", "reminders.deliver");
        JsonNode ran =
                api.post("/api/v1/jobs/reminders.deliver/run", admin, Map.of()).json();
        assertThat(ran.get("ran").asBoolean()).isTrue();
        assertThat(count("SELECT runs FROM scheduled_job WHERE name = ?", "reminders.deliver"))
                .isEqualTo(runsBefore + 1);
        assertThat(jdbc.sql("SELECT last_status FROM scheduled_job WHERE name = 'reminders.deliver'")
                        .query(String.class)
                        .single())
                .isEqualTo("OK");
        // a job whose lease another node holds is not run twice
        jdbc.sql("UPDATE scheduled_job SET lease_until = now() + interval '1 hour' WHERE name = 'reminders.scan'")
                .update();
        assertThat(api.post("/api/v1/jobs/reminders.scan/run", admin, Map.of())
                        .json()
                        .get("ran")
                        .asBoolean())
                .isFalse();
        jdbc.sql("UPDATE scheduled_job SET lease_until = NULL WHERE name = 'reminders.scan'")
                .update();
    }

    private long accepted(Api api, String supervisor, String liaison, String title, LocalDate deadline, long leaderId) {
        Map<String, Object> body = new HashMap<>(Map.of(
                "title",
                title,
                "content",
                "按期完成",
                "kind",
                "LIVELIHOOD",
                "leadUnitId",
                unitId("SF-LJ"),
                "leadLeaderId",
                leaderId,
                "deadline",
                deadline.toString(),
                "cadence",
                "ONCE"));
        long id = api.post("/api/v1/items", supervisor, body).json().get("id").asLong();
        api.post("/api/v1/items/" + id + "/dispatch", supervisor, Map.of());
        api.post("/api/v1/items/" + id + "/accept", liaison, Map.of());
        return id;
    }

    /** Moves an item's reminders of a cause back a week, as if they had been ignored since. */
    private void age(long item, String cause) {
        jdbc.sql("UPDATE reminder SET created_at = created_at - interval '7 days' WHERE item_id = :i AND cause = :c")
                .param("i", item)
                .param("c", cause)
                .update();
    }

    private List<String> levels(long item) {
        return jdbc.sql("SELECT level FROM reminder WHERE item_id = :i AND cause <> 'MANUAL' ORDER BY created_at, id")
                .param("i", item)
                .query(String.class)
                .list();
    }

    private List<String> copied(long item, String level) {
        return jdbc.sql("""
                        SELECT a.username FROM reminder r JOIN reminder_recipient p ON p.reminder_id = r.id
                          JOIN account a ON a.id = p.account_id
                         WHERE r.item_id = :i AND r.level = :l AND r.cause <> 'MANUAL' AND p.copy
                        """)
                .param("i", item)
                .param("l", level)
                .query(String.class)
                .list();
    }
}
