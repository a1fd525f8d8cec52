package org.luoshi.item;

import java.util.Map;
import org.luoshi.audit.AuditableEvent;

/** A source registered, for the audit trail. */
public record SourceEvent(long sourceId, String kind, String title) implements AuditableEvent {

    @Override
    public String action() {
        return "item.source.created";
    }

    @Override
    public String summary() {
        return "登记来源：" + title;
    }

    @Override
    public String targetType() {
        return "item_source";
    }

    @Override
    public String targetId() {
        return Long.toString(sourceId);
    }

    @Override
    public Object stateBefore() {
        return null;
    }

    @Override
    public Object stateAfter() {
        return Map.of("kind", kind, "title", title);
    }
}
