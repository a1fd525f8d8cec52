package org.luoshi.item;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** Stored states. Overdue and the warning colour are derived, never stored. */
public enum ItemStatus {
    DRAFT("立项"),
    DISPATCHED("已派发"),
    ACCEPTED("已签收"),
    IN_PROGRESS("办理中"),
    CLOSURE_REQUESTED("申请办结"),
    CLOSED("已办结"),
    CANCELLED("已撤销");

    private static final Map<ItemStatus, Set<ItemStatus>> NEXT = Map.of(
            DRAFT, EnumSet.of(DISPATCHED, CANCELLED),
            DISPATCHED, EnumSet.of(ACCEPTED, DRAFT, CANCELLED),
            ACCEPTED, EnumSet.of(IN_PROGRESS, CLOSURE_REQUESTED, CANCELLED),
            IN_PROGRESS, EnumSet.of(CLOSURE_REQUESTED, CANCELLED),
            CLOSURE_REQUESTED, EnumSet.of(CLOSED, IN_PROGRESS, CANCELLED),
            CLOSED, EnumSet.of(IN_PROGRESS),
            CANCELLED, EnumSet.noneOf(ItemStatus.class));

    private final String label;

    ItemStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean allows(ItemStatus next) {
        return NEXT.get(this).contains(next);
    }

    /** Still being worked on: deadlines and reminders apply. */
    public boolean open() {
        return this != CLOSED && this != CANCELLED && this != DRAFT;
    }
}
