package org.luoshi.item;

/** 反馈频次: how often the lead unit reports progress. */
public enum Cadence {
    WEEKLY("每周"),
    MONTHLY("每月"),
    QUARTERLY("每季度"),
    ONCE("一次性");

    private final String label;

    Cadence(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
