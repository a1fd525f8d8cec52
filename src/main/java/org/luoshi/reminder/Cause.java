package org.luoshi.reminder;

/** Why a reminder was sent. */
public enum Cause {
    DUE_SOON("临近时限"),
    OVERDUE("已逾期"),
    MISSING_REPORT("未按时反馈"),
    UNSIGNED("逾期未签收"),
    MANUAL("督查催办");

    private final String label;

    Cause(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
