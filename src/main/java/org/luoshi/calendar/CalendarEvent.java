package org.luoshi.calendar;

import java.time.LocalDate;
import java.util.Map;
import org.luoshi.audit.AuditableEvent;

/** Edits of the calendar by the system administrator. */
public sealed interface CalendarEvent extends AuditableEvent {

    @Override
    default String targetType() {
        return "calendar";
    }

    record DaysSet(LocalDate first, LocalDate last, DayKind kind, String name) implements CalendarEvent {
        public String action() {
            return "calendar.set";
        }

        public String summary() {
            String span = first.equals(last) ? first.toString() : first + " 至 " + last;
            return "工作日历：" + span + " 设为" + (kind == DayKind.HOLIDAY ? "放假" : "调休上班") + "（" + name + "）";
        }

        public String targetId() {
            return first.toString();
        }

        public Object stateAfter() {
            return Map.of("first", first.toString(), "last", last.toString(), "kind", kind.name(), "name", name);
        }
    }

    record DayCleared(SpecialDay before) implements CalendarEvent {
        public String action() {
            return "calendar.cleared";
        }

        public String summary() {
            return "工作日历：删除 " + before.day() + "（" + before.name() + "），恢复为普通日期";
        }

        public String targetId() {
            return before.day().toString();
        }

        public Object stateBefore() {
            return Map.of("day", before.day().toString(), "kind", before.kind().name(), "name", before.name());
        }
    }
}
