package org.luoshi.suggestion;

/** Where a suggestion stands. */
public enum SuggestionStatus {
    SUBMITTED("待处理"),
    TRANSFERRED("已转办"),
    ANSWERED("已答复"),
    MERGED("已合并办理"),
    DECLINED("不予受理");

    private final String label;

    SuggestionStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
