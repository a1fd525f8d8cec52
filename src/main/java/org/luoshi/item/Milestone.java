package org.luoshi.item;

import java.time.LocalDate;

/** 时序节点: a dated step of an item, done when the lead unit says so. */
public record Milestone(int seq, String title, LocalDate dueDate, LocalDate doneOn, String doneBy) {

    /** A step as planned when the item is registered or edited. */
    public record Plan(String title, LocalDate dueDate) {}

    public boolean done() {
        return doneOn != null;
    }

    public boolean overdueOn(LocalDate today) {
        return doneOn == null && dueDate.isBefore(today);
    }
}
