package org.luoshi.progress;

/** Where a progress report stands. */
public enum ReportStatus {
    DRAFT("草稿"),
    AWAITING_HEAD("待单位负责人审核"),
    SUBMITTED("已报送"),
    ACCEPTED("已采纳"),
    RETURNED("已退回");

    private final String label;

    ReportStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Its figures count towards the indicators and the pace. */
    public boolean counts() {
        return this == SUBMITTED || this == ACCEPTED;
    }
}
