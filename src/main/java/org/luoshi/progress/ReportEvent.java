package org.luoshi.progress;

import java.util.Map;
import org.luoshi.audit.AuditableEvent;

/** A report written, approved, accepted or returned, for the audit trail. */
public record ReportEvent(long reportId, long itemId, String period, String type, String text, String status)
        implements AuditableEvent {

    @Override
    public String action() {
        return "progress." + type.toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String summary() {
        return text;
    }

    @Override
    public String targetType() {
        return "progress_report";
    }

    @Override
    public String targetId() {
        return Long.toString(reportId);
    }

    @Override
    public Object stateAfter() {
        return Map.of("item", itemId, "period", period, "status", status);
    }
}
