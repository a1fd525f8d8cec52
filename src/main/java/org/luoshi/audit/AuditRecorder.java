package org.luoshi.audit;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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

    @EventListener
    void on(AuditableEvent event) {
        jdbc.sql("""
                INSERT INTO audit_event (occurred_at, actor, address, action, outcome,
                                         target_type, target_id, summary, before, after)
                VALUES (:at, :actor, :address, :action, :outcome, :targetType, :targetId, :summary,
                        CAST(:before AS jsonb), CAST(:after AS jsonb))
                """)
                .param("at", OffsetDateTime.ofInstant(Instant.now(clock), ZoneOffset.UTC))
                .param("actor", truncate(actor(event), 64))
                .param("address", currentAddress())
                .param("action", event.action())
                .param("outcome", event.outcome().name())
                .param("targetType", event.targetType())
                .param("targetId", truncate(event.targetId(), 64))
                .param("summary", event.summary())
                .param("before", toJson(event.stateBefore()))
                .param("after", toJson(event.stateAfter()))
                .update();
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
