package org.luoshi.item;

/** The supervisor's rating of a closure, used later by assessment. */
public enum ClosureRating {
    SATISFIED("满意"),
    BASICALLY_SATISFIED("基本满意"),
    UNSATISFIED("不满意");

    private final String label;

    ClosureRating(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
