package org.luoshi.progress;

/**
 * Where an item stands against time: t (share of the planned span gone), p (share of the work
 * done, from {@code basis}), the lag t − p in points, its colour, and whether a report is missing.
 */
public record Pace(
        double timeRatio,
        double progressRatio,
        Basis basis,
        int lagPoints,
        Warning warning,
        boolean missingReport,
        boolean overdue) {

    /** What the progress ratio was read from. */
    public enum Basis {
        INDICATORS("指标"),
        MILESTONES("时序节点"),
        REPORTED_PERCENT("填报进度"),
        CLOSED("已办结"),
        NONE("暂无进展");

        private final String label;

        Basis(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** "超时间进度6个百分点", "落后时间进度12个百分点", or "与时间进度持平". */
    public String sentence() {
        return sentence(lagPoints);
    }

    public static String sentence(int lagPoints) {
        int ahead = -lagPoints;
        if (ahead > 0) {
            return "超时间进度" + ahead + "个百分点";
        }
        if (ahead < 0) {
            return "落后时间进度" + (-ahead) + "个百分点";
        }
        return "与时间进度持平";
    }

    public int timePercent() {
        return (int) Math.round(timeRatio * 100);
    }

    public int progressPercent() {
        return (int) Math.round(progressRatio * 100);
    }
}
