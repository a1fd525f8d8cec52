package org.luoshi.item.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.luoshi.item.ItemData;

/** An item on the API. */
record ItemJson(
        long id,
        String code,
        String title,
        String content,
        String kind,
        String level,
        String cadence,
        String status,
        String statusLabel,
        Map<String, Object> leadUnit,
        Long leadLeaderId,
        LocalDate startDate,
        LocalDate deadline,
        Integer deadlineDays,
        boolean overdue,
        boolean signOverdue,
        Long parentId,
        List<Long> children,
        Map<String, Object> pendingExtension,
        String closureRating,
        Instant dispatchedAt,
        Instant closedAt,
        Instant createdAt,
        int version,
        List<Map<String, Object>> coUnits,
        List<String> tags,
        List<Map<String, Object>> milestones,
        List<Map<String, Object>> sources,
        @com.fasterxml.jackson.annotation.JsonIgnore Map<String, Object> extra) {

    /** Fields added by the parts above items (indicators, pace…), flattened into the item's JSON. */
    @com.fasterxml.jackson.annotation.JsonAnyGetter
    Map<String, Object> extraFields() {
        return extra;
    }

    ItemJson withExtra(Map<String, Object> fields) {
        return with(coUnits, milestones, sources, fields);
    }

    /** Co-units, milestones and sources, read for a whole page at once. */
    ItemJson withDetails(
            List<Map<String, Object>> units, List<Map<String, Object>> steps, List<Map<String, Object>> from) {
        return with(units, steps, from, extra);
    }

    private ItemJson with(
            List<Map<String, Object>> units,
            List<Map<String, Object>> steps,
            List<Map<String, Object>> from,
            Map<String, Object> fields) {
        return new ItemJson(
                id,
                code,
                title,
                content,
                kind,
                level,
                cadence,
                status,
                statusLabel,
                leadUnit,
                leadLeaderId,
                startDate,
                deadline,
                deadlineDays,
                overdue,
                signOverdue,
                parentId,
                children,
                pendingExtension,
                closureRating,
                dispatchedAt,
                closedAt,
                createdAt,
                version,
                units,
                tags,
                steps,
                from,
                fields);
    }

    static ItemJson of(ItemData d, String unitName, List<Long> children, LocalDate today, boolean signOverdue) {
        return new ItemJson(
                d.id(),
                d.code(),
                d.title(),
                d.content(),
                d.kind().name(),
                d.level().name(),
                d.cadence().name(),
                d.status().name(),
                d.status().label(),
                Map.of("id", d.leadUnitId(), "name", unitName == null ? "" : unitName),
                d.leadLeaderId(),
                d.startDate(),
                d.deadline(),
                d.deadlineDays(),
                d.overdueOn(today),
                signOverdue,
                d.parentId(),
                children,
                d.pendingDeadline() == null
                        ? null
                        : Map.of("deadline", d.pendingDeadline().toString(), "reason", d.pendingReason()),
                d.closureRating() == null ? null : d.closureRating().name(),
                d.dispatchedAt(),
                d.closedAt(),
                d.createdAt(),
                d.version(),
                List.of(),
                d.tags(),
                List.of(),
                List.of(),
                Map.of());
    }
}
