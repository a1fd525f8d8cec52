package org.luoshi.progress;

/**
 * How reported values make the indicator's current value: each period's figure added to the
 * running total (本期完成), or the newest figure standing for the state to date (累计/当前值).
 */
public enum Accumulation {
    CUMULATIVE("逐期累加"),
    LATEST("取最新值");

    private final String label;

    Accumulation(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
