package org.luoshi.item;

/** 来源: where a demand reached the supervision bureau from. */
public enum SourceKind {
    WORK_REPORT("政府工作报告"),
    MEETING("全会/会议部署"),
    INSTRUCTION("领导批示"),
    HIGHER("上级交办"),
    INTERNET("互联网+督查"),
    INSPECTION("督查/巡察/审计发现"),
    SUGGESTION("群众建议");

    private final String label;

    SourceKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
