package org.luoshi.item;

/** 事项类别. */
public enum ItemKind {
    TARGET("目标任务"),
    PROJECT("重点项目"),
    LIVELIHOOD("民生实事"),
    INSTRUCTION("批示件"),
    RECTIFICATION("问题整改"),
    SUGGESTION("群众诉求");

    private final String label;

    ItemKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
