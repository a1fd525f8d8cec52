package org.luoshi.audit;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.luoshi.Unnest;
import org.springframework.context.event.EventListener;
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
    private final JsonMapper json;
    private final Clock clock;

    AuditRecorder(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    private static final String COLUMNS =
            "occurred_at, actor, address, action, outcome, target_type, target_id, summary, before, after";

    @EventListener
    void on(AuditableEvent event) {
        jdbc.sql("INSERT INTO audit_event (" + COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), CAST(? AS jsonb))")
                .params(row(event, OffsetDateTime.ofInstant(Instant.now(clock), ZoneOffset.UTC)))
                .update();
    }

    @EventListener
    void on(AuditableBatch batch) {
        OffsetDateTime at = OffsetDateTime.ofInstant(Instant.now(clock), ZoneOffset.UTC);
        Unnest rows = new Unnest(
                "at timestamptz",
                "actor text",
                "address text",
                "action text",
                "outcome text",
                "type text",
                "id text",
                "summary text",
                "before jsonb",
                "after jsonb");
        batch.events().forEach(e -> rows.add(row(e, at)));
        rows.update(jdbc, "INSERT INTO audit_event (" + COLUMNS + ") SELECT * FROM {rows}");
    }

    /** The record's values in the order of {@link #COLUMNS}. */
    private Object[] row(AuditableEvent event, OffsetDateTime at) {
        return new Object[] {
            at,
            truncate(actor(event), 64),
            currentAddress(),
            event.action(),
            event.outcome().name(),
            event.targetType(),
            truncate(event.targetId(), 64),
            event.summary(),
            toJson(event.stateBefore()),
            toJson(event.stateAfter())
        };
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
