package org.luoshi.web;

import org.luoshi.audit.AuditOutcome;
import org.luoshi.audit.AuditableEvent;

/** A request for something missing or outside the caller's scope: worth a line in the trail. */
record RefusedRequest(String path, String reason) implements AuditableEvent {

    @Override
    public String action() {
        return "access.denied";
    }

    @Override
    public String summary() {
        return "拒绝访问 " + path + "：" + reason;
    }

    @Override
    public String targetType() {
        return "path";
    }

    @Override
    public String targetId() {
        return path;
    }

    @Override
    public AuditOutcome outcome() {
        return AuditOutcome.DENIED;
    }
}
