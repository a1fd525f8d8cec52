package org.luoshi.security;

import java.util.LinkedHashMap;
import java.util.Map;
import org.luoshi.audit.AuditOutcome;
import org.luoshi.audit.AuditableEvent;

/** Refusals at the door and policy changes. */
public sealed interface SecurityEvent extends AuditableEvent {

    record AccessDenied(String path, String reason) implements SecurityEvent {
        public String action() {
            return "access.denied";
        }

        public String summary() {
            return "拒绝访问 " + path + "：" + reason;
        }

        public String targetType() {
            return "path";
        }

        public String targetId() {
            return path;
        }

        public AuditOutcome outcome() {
            return AuditOutcome.DENIED;
        }
    }

    record SessionExpired(String path) implements SecurityEvent {
        public String action() {
            return "session.expired";
        }

        public String summary() {
            return "会话已过期或无效，访问 " + path + " 被转到登录页";
        }

        public AuditOutcome outcome() {
            return AuditOutcome.DENIED;
        }
    }

    record KeyRotated(String key, int values) implements SecurityEvent {
        public String action() {
            return "key.rotated";
        }

        public String summary() {
            return "更换密钥 " + key + "，重新加密 " + values + " 项个人信息";
        }

        public String targetType() {
            return "key";
        }

        public String targetId() {
            return key;
        }
    }

    record PolicyChanged(SecurityPolicy before, SecurityPolicy after) implements SecurityEvent {
        public String action() {
            return "policy.changed";
        }

        public String summary() {
            return "修改安全策略";
        }

        public String targetType() {
            return "policy";
        }

        public Object stateBefore() {
            return snapshot(before);
        }

        public Object stateAfter() {
            return snapshot(after);
        }

        private static Map<String, Object> snapshot(SecurityPolicy p) {
            var m = new LinkedHashMap<String, Object>();
            m.put("minLength", p.minLength());
            m.put("minClasses", p.minClasses());
            m.put("historyCount", p.historyCount());
            m.put("maxFailedAttempts", p.maxFailedAttempts());
            m.put("lockMinutes", p.lockMinutes());
            m.put("idleMinutes", p.idleMinutes());
            m.put("passwordMaxDays", p.passwordMaxDays());
            return m;
        }
    }
}
