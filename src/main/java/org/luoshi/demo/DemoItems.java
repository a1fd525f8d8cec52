package org.luoshi.demo;

import static org.luoshi.item.ItemStatus.ACCEPTED;
import static org.luoshi.item.ItemStatus.CANCELLED;
import static org.luoshi.item.ItemStatus.CLOSED;
import static org.luoshi.item.ItemStatus.CLOSURE_REQUESTED;
import static org.luoshi.item.ItemStatus.DISPATCHED;
import static org.luoshi.item.ItemStatus.DRAFT;
import static org.luoshi.item.ItemStatus.IN_PROGRESS;

import java.time.LocalDate;
import java.util.List;
import org.luoshi.item.Cadence;
import org.luoshi.item.ClosureRating;
import org.luoshi.item.ItemKind;
import org.luoshi.item.ItemLevel;
import org.luoshi.item.ItemStatus;
import org.luoshi.item.Milestone;
import org.luoshi.item.NewSource;
import org.luoshi.item.SourceKind;

/**
 * The demo city's year of work as data: tasks of every kind, spread over units and states in a
 * fixed pattern, so every demo run shows the same ledger.
 */
final class DemoItems {

    record Task(ItemKind kind, String title, String content, ItemLevel level) {}

    static final List<Task> TASKS = List.of(
            task(ItemKind.TARGET, "地区生产总值增长6%左右", "统筹推进稳增长各项政策，按季度分解目标，确保全年经济运行在合理区间。", ItemLevel.KEY),
            task(ItemKind.TARGET, "一般公共预算收入增长5%", "强化税源培育和征管，盘活存量资源资产，严控一般性支出。", ItemLevel.KEY),
            task(ItemKind.TARGET, "规模以上工业增加值增长7%", "实施重点企业“一企一策”服务，推动技改项目达产达效。", ItemLevel.NORMAL),
            task(ItemKind.TARGET, "固定资产投资增长6%", "落实重大项目“周调度、月通报”，加快专项债券资金使用。", ItemLevel.NORMAL),
            task(ItemKind.TARGET, "新增城镇就业1.2万人", "开展高校毕业生、退役军人、农民工等重点群体就业专项行动。", ItemLevel.NORMAL),
            task(ItemKind.TARGET, "社会消费品零售总额增长6.5%", "办好消费季活动，培育夜间经济和首店经济。", ItemLevel.NORMAL),
            task(ItemKind.PROJECT, "临港物流园二期建设", "完成仓储区主体工程和铁路专用线建设，年内投资3.2亿元。", ItemLevel.LISTED),
            task(ItemKind.PROJECT, "城市快速路东延段", "完成征地拆迁和桥梁下部结构施工，年内投资5亿元。", ItemLevel.KEY),
            task(ItemKind.PROJECT, "新能源电池产业园一期", "完成厂房建设和首条产线设备安装调试。", ItemLevel.KEY),
            task(ItemKind.PROJECT, "污水处理厂提标改造", "出水水质由一级B提升至一级A，新增处理能力2万吨/日。", ItemLevel.NORMAL),
            task(ItemKind.PROJECT, "市第一人民医院新院区", "完成主体结构封顶和外立面施工。", ItemLevel.KEY),
            task(ItemKind.LIVELIHOOD, "新建城市书房10个", "在人口密集社区建设24小时城市书房，统一接入全市图书通借通还。", ItemLevel.NORMAL),
            task(ItemKind.LIVELIHOOD, "改造老旧小区12个", "实施管网、屋面、外墙和加装电梯改造，惠及居民3000户。", ItemLevel.KEY),
            task(ItemKind.LIVELIHOOD, "新增公办幼儿园学位1500个", "新建、改扩建公办幼儿园8所。", ItemLevel.NORMAL),
            task(ItemKind.LIVELIHOOD, "建设社区食堂20个", "为老年人提供助餐服务，覆盖主要城区街道。", ItemLevel.NORMAL),
            task(ItemKind.LIVELIHOOD, "新改建农村公路80公里", "提升农村公路等级，完成危桥改造10座。", ItemLevel.NORMAL),
            task(ItemKind.LIVELIHOOD, "背街小巷改造20条", "整治路面、管线、照明和立面，改善居民出行环境。", ItemLevel.NORMAL),
            task(ItemKind.INSTRUCTION, "关于加快优化营商环境的批示", "对照营商环境评价短板，梳理问题清单，明确整改时限。", ItemLevel.KEY),
            task(ItemKind.INSTRUCTION, "关于做好防汛备汛工作的批示", "落实防汛责任制，排查整治隐患点，备足抢险物资。", ItemLevel.LISTED),
            task(ItemKind.INSTRUCTION, "关于开展安全生产大检查的批示", "聚焦燃气、消防、建筑施工等重点领域，开展拉网式排查。", ItemLevel.KEY),
            task(ItemKind.RECTIFICATION, "河道非法采砂问题整改", "督查发现部分河段存在非法采砂，限期清理砂场并修复河床。", ItemLevel.KEY),
            task(ItemKind.RECTIFICATION, "建筑工地扬尘污染问题整改", "督查发现工地围挡、覆盖、冲洗措施不到位，逐一整改销号。", ItemLevel.NORMAL),
            task(ItemKind.RECTIFICATION, "农村饮用水水源地保护问题整改", "清理保护区内违规建筑和养殖场，完善界标警示。", ItemLevel.KEY),
            task(ItemKind.RECTIFICATION, "涉企违规收费问题整改", "审计发现部分单位违规收取服务费，清退资金并建立长效机制。", ItemLevel.NORMAL),
            task(ItemKind.SUGGESTION, "群众反映小区周边停车难", "挖潜增设公共停车泊位，推动机关单位停车场错时开放。", ItemLevel.NORMAL),
            task(ItemKind.SUGGESTION, "群众反映背街小巷路灯不亮", "排查维修损坏路灯，建立巡查报修机制。", ItemLevel.NORMAL),
            task(ItemKind.SUGGESTION, "群众建议增设公交站点", "调研新建小区出行需求，优化公交线路和站点设置。", ItemLevel.NORMAL));

    /** The states in the order the pattern deals them out: most items are being worked on. */
    static final List<ItemStatus> STATES = List.of(
            IN_PROGRESS,
            IN_PROGRESS,
            ACCEPTED,
            CLOSED,
            IN_PROGRESS,
            DISPATCHED,
            CLOSURE_REQUESTED,
            IN_PROGRESS,
            CLOSED,
            IN_PROGRESS,
            DRAFT,
            ACCEPTED,
            IN_PROGRESS,
            CLOSED,
            CANCELLED,
            IN_PROGRESS);

    static final List<ClosureRating> RATINGS = List.of(
            ClosureRating.SATISFIED,
            ClosureRating.SATISFIED,
            ClosureRating.BASICALLY_SATISFIED,
            ClosureRating.UNSATISFIED);

    static final List<Cadence> CADENCES = List.of(Cadence.MONTHLY, Cadence.MONTHLY, Cadence.QUARTERLY, Cadence.WEEKLY);

    private DemoItems() {}

    /** Deadlines around today: a third already passed, so open ones among them are overdue. */
    static LocalDate deadline(LocalDate today, int n) {
        return today.plusDays((n % 3 == 0 ? -20 : 45) + (n * 11) % 120);
    }

    private static Task task(ItemKind kind, String title, String content, ItemLevel level) {
        return new Task(kind, title, content, level);
    }

    /** The year's sources; each kind of task answers one, and the book-room task a leader's instruction too. */
    static java.util.Map<ItemKind, List<Long>> sources(org.luoshi.item.SourceService sources, LocalDate today) {
        int y = today.getYear();
        long report = source(sources, SourceKind.WORK_REPORT, y + "年市政府工作报告", null, LocalDate.of(y, 1, 16), null);
        long meeting = source(sources, SourceKind.MEETING, "市委经济工作会议暨全市项目建设推进会", null, LocalDate.of(y, 2, 6), null);
        long instruction = source(
                sources, SourceKind.INSTRUCTION, "关于加快补齐民生短板的批示", "市领导批示〔" + y + "〕12号", LocalDate.of(y, 3, 2), "张市长");
        long inspection =
                source(sources, SourceKind.INSPECTION, "市委第二巡察组反馈意见", "江巡反〔" + y + "〕3号", LocalDate.of(y, 4, 20), null);
        long hotline = source(sources, SourceKind.SUGGESTION, "12345热线群众建议汇总（第一季度）", null, LocalDate.of(y, 4, 8), null);
        long online = source(sources, SourceKind.INTERNET, "国务院“互联网+督查”平台转办线索", null, LocalDate.of(y, 5, 12), null);
        return java.util.Map.of(
                ItemKind.TARGET, List.of(report),
                ItemKind.PROJECT, List.of(report, meeting),
                ItemKind.LIVELIHOOD, List.of(report, instruction),
                ItemKind.INSTRUCTION, List.of(instruction),
                ItemKind.RECTIFICATION, List.of(inspection),
                ItemKind.SUGGESTION, List.of(hotline, online));
    }

    private static long source(
            org.luoshi.item.SourceService sources,
            SourceKind kind,
            String title,
            String number,
            LocalDate on,
            String leader) {
        return sources.register(new NewSource(kind, title, number, on, leader), "demo")
                .id();
    }

    static List<String> tags(Task task, int n) {
        return switch (task.kind()) {
            case TARGET -> List.of("经济运行");
            case PROJECT -> n % 2 == 0 ? List.of("重大项目", "一号工程") : List.of("重大项目");
            case LIVELIHOOD -> List.of("民生实事");
            case RECTIFICATION -> List.of("巡察整改");
            default -> List.of();
        };
    }

    /** Projects and livelihood works have dated steps at a third and two thirds of their span. */
    static List<Milestone.Plan> milestones(Task task, LocalDate start, LocalDate deadline) {
        if (task.kind() != ItemKind.PROJECT && task.kind() != ItemKind.LIVELIHOOD) {
            return List.of();
        }
        long span = java.time.temporal.ChronoUnit.DAYS.between(start, deadline);
        if (span < 9) {
            return List.of();
        }
        return List.of(
                new Milestone.Plan(
                        task.kind() == ItemKind.PROJECT ? "完成前期手续和开工准备" : "完成选址和方案设计", start.plusDays(span / 3)),
                new Milestone.Plan(
                        task.kind() == ItemKind.PROJECT ? "主体工程完成过半" : "完成主体施工", start.plusDays(span * 2 / 3)),
                new Milestone.Plan("竣工验收", deadline));
    }

    /** A one-page PDF that opens in any reader, standing in for a scanned acceptance report. */
    static byte[] pdf(String code) {
        String text = "Luoshi demo evidence " + code;
        String stream = "BT /F1 18 Tf 72 760 Td (" + text + ") Tj ET";
        String[] objects = {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
                    + " /Resources << /Font << /F1 5 0 R >> >> >>",
            "<< /Length " + stream.length() + " >>\nstream\n" + stream + "\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
        };
        StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
        int[] offsets = new int[objects.length];
        for (int i = 0; i < objects.length; i++) {
            offsets[i] = pdf.length();
            pdf.append(i + 1).append(" 0 obj\n").append(objects[i]).append("\nendobj\n");
        }
        int xref = pdf.length();
        pdf.append("xref\n0 ").append(objects.length + 1).append("\n0000000000 65535 f \n");
        for (int offset : offsets) {
            pdf.append(String.format("%010d 00000 n \n", offset));
        }
        pdf.append("trailer\n<< /Size ")
                .append(objects.length + 1)
                .append(" /Root 1 0 R >>\nstartxref\n")
                .append(xref)
                .append("\n%%EOF\n");
        return pdf.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
