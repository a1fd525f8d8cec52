package org.luoshi.item;

/** 督办等级. */
public enum ItemLevel {
    NORMAL("一般"),
    KEY("重点"),
    LISTED("挂牌督办");

    private final String label;

    ItemLevel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
