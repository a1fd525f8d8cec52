package org.luoshi.assessment;

import org.luoshi.audit.AuditableEvent;

/** A step of an assessment, for the audit trail. */
public record AssessmentEvent(long schemeId, String type, String text, String by) implements AuditableEvent {

    @Override
    public String action() {
        return "assessment." + type;
    }

    @Override
    public String summary() {
        return "考核：" + text;
    }

    @Override
    public String targetType() {
        return "assessment";
    }

    @Override
    public String targetId() {
        return Long.toString(schemeId);
    }

    @Override
    public String actor() {
        return by;
    }
}
