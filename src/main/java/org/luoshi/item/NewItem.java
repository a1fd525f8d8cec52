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
        Long parentId) {}
