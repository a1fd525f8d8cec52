package org.luoshi.calendar;

/** How a listed day differs from the ordinary week. */
public enum DayKind {
    /** 放假: a day off, whatever weekday it falls on. */
    HOLIDAY,
    /** 调休上班: a weekend day worked in exchange for a holiday. */
    WORKDAY
}
