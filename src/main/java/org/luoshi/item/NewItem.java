package org.luoshi.item;

import java.time.LocalDate;

/** What a supervisor enters to register (立项) an item. Either a deadline or N working days. */
public record NewItem(
        String title,
        String content,
        ItemKind kind,
        ItemLevel level,
        Cadence cadence,
        Long leadUnitId,
        Long leadLeaderId,
        LocalDate startDate,
        LocalDate deadline,
        Integer deadlineDays,
        Long parentId,
        java.util.List<Long> coUnitIds) {

    /** Without co-units. */
    public NewItem(
            String title,
            String content,
            ItemKind kind,
            ItemLevel level,
            Cadence cadence,
            Long leadUnitId,
            Long leadLeaderId,
            java.time.LocalDate startDate,
            java.time.LocalDate deadline,
            Integer deadlineDays,
            Long parentId) {
        this(
                title,
                content,
                kind,
                level,
                cadence,
                leadUnitId,
                leadLeaderId,
                startDate,
                deadline,
                deadlineDays,
                parentId,
                java.util.List.of());
    }

    public NewItem {
        coUnitIds = coUnitIds == null ? java.util.List.of() : java.util.List.copyOf(coUnitIds);
    }
}
