package org.luoshi.reminder;

import java.util.Map;
import org.luoshi.audit.AuditableEvent;

/** A reminder sent, for the audit trail. */
public record ReminderEvent(long reminderId, long itemId, String cause, String level, String subject, String by)
        implements AuditableEvent {

    @Override
    public String action() {
        return "reminder." + cause.toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String summary() {
        return subject;
    }

    @Override
    public String targetType() {
        return "reminder";
    }

    @Override
    public String targetId() {
        return Long.toString(reminderId);
    }

    @Override
    public Object stateAfter() {
        return Map.of("item", itemId, "level", level);
    }

    @Override
    public String actor() {
        return by;
    }
}
