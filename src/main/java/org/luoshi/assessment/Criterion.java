package org.luoshi.assessment;

/** What a scheme's weighted lines are computed from; each gives a unit a rate from 0 to 100. */
public enum Criterion {
    ON_TIME_CLOSURE("按时办结率", "考核期内到期或办结的事项中按时办结的比例（牵头、协办按各自系数计）"),
    REPORT_PUNCTUALITY("按时报送率", "考核期内应报送的进展中按时报送的比例"),
    INDICATOR_COMPLETION("指标完成率", "考核期末各事项量化指标的平均完成程度（超过100%按100%计）"),
    CLOSURE_RATING("办结质量评价", "考核期内销号事项的督查评价：满意100、基本满意80、不满意0（牵头、协办按各自系数计）"),
    CITIZEN_SATISFACTION("群众满意度", "考核期内群众对转办事项答复的评价：满意100、基本满意80、不满意0");

    private final String label;
    private final String rule;

    Criterion(String label, String rule) {
        this.label = label;
        this.rule = rule;
    }

    public String label() {
        return label;
    }

    public String rule() {
        return rule;
    }
}
