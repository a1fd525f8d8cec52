package org.luoshi.reminder;

/** 提醒 → 黄牌 → 红牌: each step copies one more person. */
public enum Level {
    NOTICE("提醒"),
    YELLOW("黄牌"),
    RED("红牌");

    private final String label;

    Level(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public Level next() {
        return this == NOTICE ? YELLOW : RED;
    }
}
