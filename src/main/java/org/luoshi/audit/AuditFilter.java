package org.luoshi.audit;

import java.time.LocalDate;

/** What the audit administrator narrows the trail by; every field optional. */
public record AuditFilter(
        String actor, String action, AuditOutcome outcome, LocalDate from, LocalDate to, String text, Integer page) {

    public static final int PAGE_SIZE = 50;

    public int pageOrFirst() {
        return page == null || page < 1 ? 1 : page;
    }
}
