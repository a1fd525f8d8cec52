package org.luoshi.progress;

/** Which way an indicator is better: up (投资额), down (PM2.5), or to a value (覆盖率达到95%). */
public enum Direction {
    INCREASE("越大越好"),
    DECREASE("越小越好"),
    REACH("达到目标值");

    private final String label;

    Direction(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
