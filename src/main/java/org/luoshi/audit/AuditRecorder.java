package org.luoshi.audit;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSourceUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes audit rows in the publisher's transaction, so a change and its record commit together.
 * No hash here: chaining happens off the request path in {@link AuditChainer}.
 */
@Component
class AuditRecorder {

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;
    private final JsonMapper json;
    private final Clock clock;

    AuditRecorder(JdbcClient jdbc, NamedParameterJdbcTemplate batch, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.json = json;
        this.clock = clock;
    }

    private static final String INSERT = """
            INSERT INTO audit_event (occurred_at, actor, address, action, outcome,
                                     target_type, target_id, summary, before, after)
            VALUES (:at, :actor, :address, :action, :outcome, :targetType, :targetId, :summary,
                    CAST(:before AS jsonb), CAST(:after AS jsonb))
            """;

    @EventListener
    void on(AuditableEvent event) {
        jdbc.sql(INSERT)
                .params(row(event, OffsetDateTime.ofInstant(Instant.now(clock), ZoneOffset.UTC)))
                .update();
    }

    @EventListener
    void on(AuditableBatch batch) {
        OffsetDateTime at = OffsetDateTime.ofInstant(Instant.now(clock), ZoneOffset.UTC);
        List<Map<String, Object>> rows = new ArrayList<>();
        batch.events().forEach(e -> rows.add(row(e, at)));
        if (!rows.isEmpty()) {
            this.batch.batchUpdate(INSERT, SqlParameterSourceUtils.createBatch(rows));
        }
    }

    private Map<String, Object> row(AuditableEvent event, OffsetDateTime at) {
        Map<String, Object> p = new HashMap<>();
        p.put("at", at);
        p.put("actor", truncate(actor(event), 64));
        p.put("address", currentAddress());
        p.put("action", event.action());
        p.put("outcome", event.outcome().name());
        p.put("targetType", event.targetType());
        p.put("targetId", truncate(event.targetId(), 64));
        p.put("summary", event.summary());
        p.put("before", toJson(event.stateBefore()));
        p.put("after", toJson(event.stateAfter()));
        return p;
    }

    private String toJson(Object value) {
        return value == null ? null : json.writeValueAsString(value);
    }

    private static String actor(AuditableEvent event) {
        if (event.actor() != null) {
            return event.actor();
        }
        String user = currentUser();
        if (user == null && RequestContextHolder.getRequestAttributes() == null) {
            return "cli:" + System.getProperty("user.name");
        }
        return user;
    }

    private static String currentUser() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated() || "anonymousUser".equals(auth.getName())) {
            return null;
        }
        return auth.getName();
    }

    private static String currentAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs) {
            HttpServletRequest request = attrs.getRequest();
            return request.getRemoteAddr();
        }
        return "cli";
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
