package org.luoshi.bulletin;

import org.luoshi.audit.AuditableEvent;

/** A bulletin drafted, edited, published or discarded, for the audit trail. */
public record BulletinEvent(long id, String type, String text, String by) implements AuditableEvent {

    @Override
    public String action() {
        return "bulletin." + type;
    }

    @Override
    public String summary() {
        return "通报：" + text;
    }

    @Override
    public String targetType() {
        return "bulletin";
    }

    @Override
    public String targetId() {
        return Long.toString(id);
    }

    @Override
    public String actor() {
        return by;
    }
}
