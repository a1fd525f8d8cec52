package org.luoshi.org;

import java.util.Map;
import org.luoshi.audit.AuditableEvent;

/** Changes to the tree, each recorded in the audit trail. */
public sealed interface UnitEvent extends AuditableEvent {

    Unit unit();

    @Override
    default String targetType() {
        return "unit";
    }

    @Override
    default String targetId() {
        return Long.toString(unit().id());
    }

    record Created(Unit unit) implements UnitEvent {
        public String action() {
            return "unit.created";
        }

        public String summary() {
            return "新建单位「" + unit.name() + "」（" + unit.code() + "）";
        }

        public Object stateAfter() {
            return snapshot(unit);
        }
    }

    record Updated(Unit before, Unit unit) implements UnitEvent {
        public String action() {
            return "unit.updated";
        }

        public String summary() {
            return "修改单位「" + unit.name() + "」（" + unit.code() + "）";
        }

        public Object stateBefore() {
            return snapshot(before);
        }

        public Object stateAfter() {
            return snapshot(unit);
        }
    }

    record Disabled(Unit unit, boolean enabled) implements UnitEvent {
        public String action() {
            return enabled ? "unit.enabled" : "unit.disabled";
        }

        public String summary() {
            return (enabled ? "启用单位「" : "停用单位「") + unit.name() + "」";
        }

        public Object stateAfter() {
            return Map.of("enabled", enabled);
        }
    }

    private static Map<String, Object> snapshot(Unit u) {
        var m = new java.util.LinkedHashMap<String, Object>();
        m.put("code", u.code());
        m.put("name", u.name());
        m.put("shortName", u.shortName());
        m.put("kind", u.kind().name());
        m.put("parentId", u.parentId());
        m.put("sortOrder", u.sortOrder());
        m.put("enabled", u.enabled());
        return m;
    }
}
