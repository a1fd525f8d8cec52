package org.luoshi.suggestion;

import java.util.Map;
import org.luoshi.audit.AuditableEvent;

/** A step in a suggestion's handling, for the audit trail; personal data never goes into it. */
public record SuggestionEvent(long id, String trackingCode, String type, String text, String by)
        implements AuditableEvent {

    @Override
    public String action() {
        return "suggestion." + type.toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String summary() {
        return "群众意见建议 " + trackingCode + "：" + text;
    }

    @Override
    public String targetType() {
        return "suggestion";
    }

    @Override
    public String targetId() {
        return Long.toString(id);
    }

    @Override
    public Object stateAfter() {
        return Map.of("type", type);
    }

    @Override
    public String actor() {
        return by;
    }
}
