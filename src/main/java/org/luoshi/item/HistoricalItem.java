package org.luoshi.item;

import java.time.LocalDate;

/**
 * An item that already has a history on paper: its current state and dates, taken over as they
 * are (台账导入, demo data). The lifecycle rules apply from here on.
 */
public record HistoricalItem(
        NewItem item,
        ItemStatus status,
        LocalDate dispatchedOn,
        LocalDate closedOn,
        ClosureRating rating,
        String note) {}
