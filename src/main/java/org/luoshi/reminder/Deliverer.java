package org.luoshi.reminder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends pending deliveries. A batch is taken with {@code FOR UPDATE SKIP LOCKED} and held until it
 * is recorded, so two nodes never send the same one; a failure is retried with doubling waits
 * (1, 2, 4… minutes, at most an hour) and given up after {@code maxAttempts}, visible to supervisors.
 */
@Service
public class Deliverer {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ObjectProvider<JavaMailSender> mail;
    private final HttpClient http;
    private final String from;
    private final String publicUrl;
    private final int maxAttempts;
    private final String node;

    Deliverer(
            JdbcClient jdbc,
            TransactionTemplate tx,
            ObjectProvider<JavaMailSender> mail,
            org.luoshi.scheduling.Node node,
            @Value("${luoshi.reminders.mail-from:luoshi@localhost}") String from,
            @Value("${luoshi.public-url:http://localhost:8080}") String publicUrl,
            @Value("${luoshi.reminders.max-attempts:8}") int maxAttempts) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.mail = mail;
        this.from = from;
        this.publicUrl = publicUrl.replaceAll("/+$", "");
        this.maxAttempts = maxAttempts;
        this.node = node.name();
        this.http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    record Pending(
            long id,
            String channel,
            String format,
            String target,
            int attempts,
            long itemId,
            String code,
            String title,
            String cause,
            String level,
            String subject,
            String message,
            java.time.Instant createdAt) {}

    /** Sends what is due, batch by batch; returns how many were sent. */
    public int deliverDue() {
        int sent = 0;
        while (true) {
            Integer n = tx.execute(s -> batch(20));
            if (n == null || n < 0) {
                return sent;
            }
            sent += n;
        }
    }

    /** One locked batch; -1 when nothing was due. */
    private int batch(int size) {
        List<Pending> due = jdbc.sql("""
                        SELECT d.id, d.channel, d.format, d.target, d.attempts, r.item_id, i.code, i.title, r.cause, r.level,
                               r.subject, r.message, r.created_at
                          FROM reminder_delivery d
                          JOIN reminder r ON r.id = d.reminder_id
                          JOIN item i ON i.id = r.item_id
                         WHERE d.status = 'PENDING' AND d.next_attempt_at <= now()
                         ORDER BY d.id LIMIT :n
                           FOR UPDATE OF d SKIP LOCKED
                        """).param("n", size).query(Pending.class).list();
        if (due.isEmpty()) {
            return -1;
        }
        int sent = 0;
        for (Pending p : due) {
            String error = null;
            try {
                if (p.channel().equals("EMAIL")) {
                    email(p);
                } else {
                    webhook(p);
                }
            } catch (Exception e) {
                error = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            if (error == null) {
                sent++;
                jdbc.sql("""
                                UPDATE reminder_delivery SET status = 'SENT', sent_at = now(), attempts = attempts + 1,
                                       last_error = NULL, sent_by_node = :node WHERE id = :id
                                """).param("node", node).param("id", p.id()).update();
            } else {
                int attempts = p.attempts() + 1;
                long waitMinutes = Math.min(60, 1L << Math.min(attempts - 1, 6));
                jdbc.sql("""
                                UPDATE reminder_delivery SET attempts = :a, last_error = :e,
                                       status = CASE WHEN :a >= :max THEN 'FAILED' ELSE 'PENDING' END,
                                       next_attempt_at = now() + make_interval(mins => :wait)
                                 WHERE id = :id
                                """)
                        .param("a", attempts)
                        .param("e", error.length() > 1000 ? error.substring(0, 1000) : error)
                        .param("max", maxAttempts)
                        .param("wait", (int) waitMinutes)
                        .param("id", p.id())
                        .update();
            }
        }
        return sent;
    }

    private void email(Pending p) {
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            throw new IllegalStateException("未配置邮件服务器（spring.mail.host）");
        }
        SimpleMailMessage m = new SimpleMailMessage();
        m.setFrom(from);
        m.setTo(p.target());
        m.setSubject("[落实] " + p.subject());
        m.setText(p.message() + "\n\n事项：" + p.code() + " " + p.title() + "\n查看：" + link(p) + "\n\n（本邮件由落实督查督办平台发出）");
        sender.send(m);
    }

    private void webhook(Pending p) throws Exception {
        String text = p.subject() + "\n" + p.message() + "\n查看：" + link(p);
        Map<String, Object> body = switch (p.format()) {
            case "WECOM", "DINGTALK" -> Map.of("msgtype", "text", "text", Map.of("content", text));
            case "FEISHU" -> Map.of("msg_type", "text", "content", Map.of("text", text));
            default -> generic(p);
        };
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(p.target()))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json; charset=utf-8")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException("HTTP " + r.statusCode() + " " + abbreviate(r.body()));
        }
        // the robots answer 200 with an error code in the body when they refuse a message
        if (!p.format().equals("GENERIC")
                && r.body() != null
                && r.body().strip().startsWith("{")) {
            JsonNode answer = JSON.readTree(r.body());
            JsonNode code = answer.has("errcode") ? answer.get("errcode") : answer.get("code");
            if (code != null && code.asInt() != 0) {
                throw new IllegalStateException("机器人拒绝：" + abbreviate(r.body()));
            }
        }
    }

    private Map<String, Object> generic(Pending p) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("event", "reminder");
        j.put("cause", p.cause());
        j.put("level", p.level());
        j.put("subject", p.subject());
        j.put("message", p.message());
        j.put("item", Map.of("id", p.itemId(), "code", p.code(), "title", p.title(), "url", link(p)));
        j.put("createdAt", p.createdAt().toString());
        j.put("deliveryId", p.id());
        return j;
    }

    private String link(Pending p) {
        return publicUrl + "/items/" + p.itemId();
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
