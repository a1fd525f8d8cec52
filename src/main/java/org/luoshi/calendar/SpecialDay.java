package org.luoshi.calendar;

import java.time.LocalDate;

/** One entry of the calendar: a holiday or a make-up working day, with its name. */
public record SpecialDay(LocalDate day, DayKind kind, String name) {}
