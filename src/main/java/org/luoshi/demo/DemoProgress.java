package org.luoshi.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.luoshi.item.Cadence;
import org.luoshi.item.ItemData;
import org.luoshi.item.ItemKind;
import org.luoshi.item.ItemStatus;
import org.luoshi.progress.Accumulation;
import org.luoshi.progress.Direction;
import org.luoshi.progress.Indicator;
import org.luoshi.progress.IndicatorService;
import org.luoshi.progress.IndicatorSpec;
import org.luoshi.progress.ReportInput;
import org.luoshi.progress.ReportService;
import org.luoshi.progress.ReportStatus;
import org.luoshi.progress.ReportingPeriod;

/**
 * The demo city's year of reports: every item under way has reported period by period, at a pace
 * that differs by item (ahead, on time, lagging, far behind), some late and some not at all, so that
 * the colours on the ledger tell a story.
 */
final class DemoProgress {

    /** How an item keeps up with time: its work done is the time gone times this. */
    private static final double[] PACE = {1.3, 1.2, 1.1, 0.95, 0.7, 1.15};

    private final IndicatorService indicators;
    private final ReportService reports;
    private final LocalDate today;

    DemoProgress(IndicatorService indicators, ReportService reports, LocalDate today) {
        this.indicators = indicators;
        this.reports = reports;
        this.today = today;
    }

    void load(ItemData item, DemoItems.Task task, int n) {
        List<IndicatorSpec> specs = specs(task);
        if (!specs.isEmpty()) {
            indicators.replace(item.id(), specs);
        }
        if (item.status() != ItemStatus.IN_PROGRESS
                && item.status() != ItemStatus.CLOSURE_REQUESTED
                && item.status() != ItemStatus.CLOSED) {
            return;
        }
        List<Indicator> own = indicators.ofItems(List.of(item.id())).getOrDefault(item.id(), List.of());
        LocalDate start = item.startDate();
        LocalDate end = item.deadline();
        double pace = item.status() == ItemStatus.CLOSED ? 1.0 : PACE[n % PACE.length];
        ReportingPeriod p = ReportingPeriod.containing(start, item.cadence(), start, end);
        double lastShare = 0;
        for (int guard = 0; guard < 60 && !p.start().isAfter(end); guard++, p = p.next()) {
            LocalDate due = reports.dueOn(p);
            if (!due.isBefore(today) || item.cadence() == Cadence.ONCE) {
                break;
            }
            if (due.isBefore(start)) {
                continue; // a week that began on the weekend before the start: nothing done yet
            }
            boolean latest =
                    !reports.dueOn(p.next()).isBefore(today) || p.next().start().isAfter(end);
            if (latest && n % 6 == 2 && item.status() == ItemStatus.IN_PROGRESS) {
                break; // silent this period: 未按时反馈
            }
            // what was done by the day the report went up, not by the end of its period
            double timeShare = Math.min(
                    1, (double) ChronoUnit.DAYS.between(start, due) / Math.max(1, ChronoUnit.DAYS.between(start, end)));
            double share = Math.min(1, timeShare * pace);
            Map<Long, BigDecimal> values = new java.util.HashMap<>();
            for (Indicator i : own) {
                double span = i.target().subtract(i.baseline()).doubleValue();
                double value = i.accumulation() == Accumulation.CUMULATIVE
                        ? span * (share - lastShare)
                        : i.baseline().doubleValue() + span * share;
                values.put(i.id(), BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP));
            }
            boolean late = n % 7 == 3;
            LocalDate sent = late ? due.plusDays(3) : due.minusDays(1 + n % 3);
            int percent = (int) Math.round(share * 100);
            reports.takeOver(
                    item,
                    p.key(),
                    new ReportInput(
                            p.key(),
                            narrative(task, percent),
                            BigDecimal.valueOf(percent),
                            values,
                            pace < 0.9 ? "受征地拆迁和资金到位影响，进度偏慢" : null,
                            "按月倒排工期，加快推进",
                            true,
                            null),
                    latest && item.status() == ItemStatus.IN_PROGRESS ? ReportStatus.SUBMITTED : ReportStatus.ACCEPTED,
                    OffsetDateTime.of(sent, LocalTime.of(16, 30), ZoneOffset.ofHours(8)),
                    "demo");
            lastShare = share;
        }
    }

    private static String narrative(DemoItems.Task task, int percent) {
        return switch (task.kind()) {
            case PROJECT -> "项目按计划推进，累计完成年度计划的" + percent + "%。";
            case LIVELIHOOD -> "已完成" + percent + "%的建设任务，群众反映良好。";
            case TARGET -> "指标运行总体平稳，完成全年目标的" + percent + "%。";
            default -> "已推进落实，完成" + percent + "%。";
        };
    }

    /** Projects count investment (added up period by period); livelihood works count what is built. */
    static List<IndicatorSpec> specs(DemoItems.Task task) {
        if (task.kind() == ItemKind.PROJECT) {
            return List.of(new IndicatorSpec(
                    null,
                    "完成投资",
                    "亿元",
                    BigDecimal.ZERO,
                    new BigDecimal("3.2"),
                    Direction.INCREASE,
                    Accumulation.CUMULATIVE,
                    BigDecimal.ONE));
        }
        if (task.kind() == ItemKind.LIVELIHOOD) {
            return List.of(new IndicatorSpec(
                    null,
                    "完成工程量",
                    "%",
                    BigDecimal.ZERO,
                    new BigDecimal("100"),
                    Direction.INCREASE,
                    Accumulation.LATEST,
                    BigDecimal.ONE));
        }
        return List.of();
    }
}
