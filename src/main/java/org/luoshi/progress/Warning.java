package org.luoshi.progress;

/** The pace colour: 正常, 滞后, 严重滞后. */
public enum Warning {
    GREEN("正常"),
    YELLOW("滞后"),
    RED("严重滞后");

    private final String label;

    Warning(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
