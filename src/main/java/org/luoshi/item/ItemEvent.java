package org.luoshi.item;

import java.util.Map;
import org.luoshi.audit.AuditableEvent;

/** Every change of an item, for the audit trail (the item's own timeline is kept beside it). */
public record ItemEvent(long itemId, String code, String type, String text, String fromStatus, String toStatus)
        implements AuditableEvent {

    @Override
    public String action() {
        return "item." + type.toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String summary() {
        return "督办事项 " + code + "：" + text;
    }

    @Override
    public String targetType() {
        return "item";
    }

    @Override
    public String targetId() {
        return Long.toString(itemId);
    }

    @Override
    public Object stateBefore() {
        return fromStatus == null ? null : Map.of("status", fromStatus);
    }

    @Override
    public Object stateAfter() {
        return toStatus == null ? null : Map.of("status", toStatus);
    }
}
