package org.luoshi.importing;

import java.text.Normalizer;
import java.util.List;
import java.util.regex.Pattern;

/** What a ledger column holds, and the header texts offices use for it. */
enum Column {
    SEQ(List.of("序号", "编号序号")),
    KEY(List.of("事项编号", "任务编号", "编号")),
    TITLE(List.of("任务", "工作任务", "重点任务", "事项", "事项名称", "任务名称", "目标任务", "项目名称", "工作事项", "督办事项")),
    CONTENT(List.of("具体内容", "工作措施", "主要内容", "任务内容", "工作内容", "具体措施", "推进措施", "工作要求")),
    LEADER(List.of("牵头领导", "责任领导", "分管领导", "牵头市领导", "包抓领导", "领导")),
    LEAD_UNIT(List.of("牵头单位", "责任单位", "主办单位", "牵头部门", "责任部门", "承办单位")),
    CO_UNITS(List.of("配合单位", "协办单位", "参与单位", "配合部门", "协同单位")),
    DEADLINE(List.of("完成时限", "时间节点", "完成时间", "截止时间", "办结时限", "时限", "完成期限", "整改时限", "整改期限")),
    TARGET(List.of("指标", "目标值", "目标", "年度目标", "预期目标")),
    KIND(List.of("类别", "类型", "事项类别")),
    LEVEL(List.of("督办等级", "等级", "督办级别")),
    PROBLEM(List.of("问题描述", "反馈问题", "存在问题", "问题", "问题清单", "具体问题")),
    MEASURES(List.of("整改措施", "整改举措", "整改要求")),
    CATEGORY(List.of("问题类别", "问题类型", "问题分类"));

    private final List<String> names;

    Column(List<String> names) {
        this.names = names;
    }

    /** The column a header names, or null: exact names first, then a header that starts with one. */
    static Column of(String header) {
        String h = normalize(header);
        if (h.isEmpty()) {
            return null;
        }
        for (Column c : values()) {
            if (c.names.contains(h)) {
                return c;
            }
        }
        for (Column c : values()) {
            for (String n : c.names) {
                if (n.length() >= 2 && h.startsWith(n)) {
                    return c;
                }
            }
        }
        return null;
    }

    static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern TRAILING_NOTE = Pattern.compile("\\(.*\\)$");
    private static final Pattern TRAILING_MARKS = Pattern.compile("[:：*]+$");

    /** Full-width to half-width, no spaces or line breaks, no trailing "（…）" note. */
    static String normalize(String s) {
        if (s == null) {
            return "";
        }
        String t = SPACES.matcher(Normalizer.normalize(s, Normalizer.Form.NFKC)).replaceAll("");
        return TRAILING_MARKS.matcher(TRAILING_NOTE.matcher(t).replaceAll("")).replaceAll("");
    }
}
