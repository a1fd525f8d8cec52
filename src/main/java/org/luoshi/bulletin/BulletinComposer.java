package org.luoshi.bulletin;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.luoshi.bulletin.BulletinFigures.ItemLine;
import org.luoshi.bulletin.BulletinFigures.Totals;
import org.luoshi.bulletin.BulletinFigures.UnitRank;
import org.luoshi.document.OfficialText.Block;
import org.luoshi.item.ClosureRating;
import org.luoshi.item.ItemData;
import org.luoshi.item.ItemQuery;
import org.luoshi.org.Unit;
import org.luoshi.org.UnitQuery;
import org.luoshi.org.UnitScope;
import org.luoshi.progress.PaceService;
import org.luoshi.progress.Report;
import org.luoshi.progress.ReportService;
import org.luoshi.progress.Warning;
import org.springframework.stereotype.Component;

/**
 * Counts a jurisdiction's ledger for a period and writes the bulletin's words. An item counts for
 * the unit directly under the jurisdiction that leads it (or the jurisdiction itself, "本级"); the
 * ledger is read as it stood at the end of the period, or as it stands now for a period still
 * running (whose reports due today are not yet counted late).
 */
@Component
class BulletinComposer {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final String[] CHINESE = {"一", "二", "三", "四", "五", "六"};
    static final int LIST = 20;
    static final int EXAMPLES = 10;
    /** Overdue this many days and still open: 久督不改. */
    static final int LONG_OVERDUE_DAYS = 30;

    private final ItemQuery items;
    private final UnitQuery units;
    private final PaceService pace;
    private final ReportService reports;

    BulletinComposer(ItemQuery items, UnitQuery units, PaceService pace, ReportService reports) {
        this.items = items;
        this.units = units;
        this.pace = pace;
        this.reports = reports;
    }

    BulletinFigures figures(Unit jurisdiction, PeriodKind.Span span, LocalDate today) {
        boolean ended = span.to().isBefore(today);
        LocalDate asOf = ended ? span.to() : today;
        Instant endOfDay = asOf.plusDays(1).atStartOfDay(ZONE).toInstant();
        Instant from = span.from().atStartOfDay(ZONE).toInstant();
        List<ItemData> ledger = items.liveUnder(jurisdiction.path().value()).stream()
                .filter(i -> i.existedBefore(endOfDay))
                .toList();
        List<Long> ids = ledger.stream().map(ItemData::id).toList();
        Map<Long, PaceService.Standing> standing = pace.asOf(ledger, asOf);
        Map<Long, List<Report>> reps = reports.ofItems(ids);
        Map<Long, PaceService.Punctuality> punctual =
                pace.punctuality(ledger, reps, span.from(), ended ? asOf : today.minusDays(1));
        Set<Long> reopened = items.happened(ids, "REOPENED", from, endOfDay);

        List<Unit> children = units.children(jurisdiction.id(), UnitScope.all());
        Map<Long, Tally> tallies = new LinkedHashMap<>();
        Map<Long, String> ownerNames = new HashMap<>();
        Map<Long, String> groups = new HashMap<>();
        // regions first, then departments and the rest: the order the groups are ranked in
        List<Unit> ordered = new ArrayList<>(
                children.stream().filter(c -> c.kind().isRegion()).toList());
        ordered.addAll(children.stream().filter(c -> !c.kind().isRegion()).toList());
        for (Unit c : ordered) {
            tallies.put(c.id(), new Tally());
            ownerNames.put(c.id(), c.name());
            groups.put(c.id(), c.kind().isRegion() ? c.kind().label() : "部门和单位");
        }
        tallies.put(jurisdiction.id(), new Tally());
        ownerNames.put(jurisdiction.id(), jurisdiction.name() + "（本级）");
        groups.put(jurisdiction.id(), "本级");
        Map<Long, String> leadNames =
                units.names(ledger.stream().map(ItemData::leadUnitId).distinct().toList());

        Tally all = new Tally();
        List<Keyed> overdue = new ArrayList<>();
        List<ItemLine> red = new ArrayList<>();
        List<ItemLine> back = new ArrayList<>();
        List<Keyed> good = new ArrayList<>();
        List<ItemLine> bad = new ArrayList<>();
        for (ItemData i : ledger) {
            LocalDate closed = i.closedAt() == null || !i.closedAt().isBefore(endOfDay)
                    ? null
                    : LocalDate.ofInstant(i.closedAt(), ZONE);
            if (closed != null && closed.isBefore(span.from())) {
                continue; // history: closed before the period began
            }
            Tally t = tallies.get(owner(i, children, jurisdiction));
            String unit = leadNames.getOrDefault(i.leadUnitId(), "");
            boolean closedInPeriod = closed != null;
            boolean dueInPeriod = i.deadline() != null
                    && !i.deadline().isBefore(span.from())
                    && !i.deadline().isAfter(span.to());
            if (closedInPeriod || dueInPeriod) {
                boolean onTime = closedInPeriod && (i.deadline() == null || !closed.isAfter(i.deadline()));
                t.due++;
                all.due++;
                if (onTime) {
                    t.onTime++;
                    all.onTime++;
                }
            }
            PaceService.Punctuality p = punctual.get(i.id());
            if (p != null) {
                t.reportsDue += p.due();
                t.reportsOnTime += p.onTime();
                all.reportsDue += p.due();
                all.reportsOnTime += p.onTime();
            }
            if (closed == null) {
                t.open++;
                all.open++;
                PaceService.Standing s = standing.get(i.id());
                Warning w = s == null ? Warning.GREEN : s.pace().warning();
                t.count(w);
                all.count(w);
                long late = i.deadline() == null ? 0 : ChronoUnit.DAYS.between(i.deadline(), asOf);
                if (late > 0) {
                    t.overdue++;
                    all.overdue++;
                    overdue.add(new Keyed(late, line(i, unit, "逾期" + late + "天")));
                }
                if (w == Warning.RED && s != null) {
                    red.add(line(i, unit, s.pace().sentence()));
                }
                if (late >= LONG_OVERDUE_DAYS || reopened.contains(i.id())) {
                    bad.add(line(i, unit, late >= LONG_OVERDUE_DAYS ? "超过完成时限" + late + "天仍未办结" : "回头看发现反弹，重新办理后仍未办结"));
                }
            } else if (i.closureRating() == ClosureRating.SATISFIED
                    && i.deadline() != null
                    && closed.isBefore(i.deadline())) {
                long early = ChronoUnit.DAYS.between(closed, i.deadline());
                good.add(new Keyed(early, line(i, unit, "提前" + early + "天办结，评价满意")));
            }
            if (reopened.contains(i.id())) {
                back.add(line(i, unit, closed == null ? "回头看发现反弹，已重新办理" : "回头看发现反弹，重新办理后已办结"));
            }
        }
        red.sort(Comparator.comparing(ItemLine::code));

        return new BulletinFigures(
                jurisdiction.name(),
                span.from(),
                span.to(),
                asOf,
                new Totals(
                        ledger.size(),
                        all.open,
                        all.due,
                        all.onTime,
                        all.reportsDue,
                        all.reportsOnTime,
                        all.green,
                        all.yellow,
                        all.red,
                        all.overdue),
                rank(tallies, ownerNames, groups, jurisdiction.id()),
                most(overdue, LIST),
                first(red, LIST),
                first(back, LIST),
                most(good, EXAMPLES),
                first(bad, EXAMPLES));
    }

    /**
     * Units by score within their group, best first; equal scores share a rank; units with nothing
     * to score come last, unranked.
     */
    static List<UnitRank> rank(Map<Long, Tally> tallies, Map<Long, String> names, Map<Long, String> groups, long self) {
        Map<String, List<UnitRank>> byGroup = new LinkedHashMap<>();
        tallies.forEach((id, t) -> {
            if (id == self && t.empty()) {
                return; // the jurisdiction's own line only when it leads something itself
            }
            Double closure = BulletinFigures.rate(t.onTime, t.due);
            Double punctuality = BulletinFigures.rate(t.reportsOnTime, t.reportsDue);
            Double paceRate = BulletinFigures.rate(t.green, t.open);
            byGroup.computeIfAbsent(groups.get(id), g -> new ArrayList<>())
                    .add(new UnitRank(
                            groups.get(id),
                            0,
                            false,
                            id,
                            names.get(id),
                            t.due,
                            t.onTime,
                            closure,
                            t.reportsDue,
                            t.reportsOnTime,
                            punctuality,
                            t.open,
                            t.green,
                            t.yellow,
                            t.red,
                            paceRate,
                            t.overdue,
                            score(closure, punctuality, paceRate)));
        });
        List<UnitRank> ranked = new ArrayList<>();
        for (List<UnitRank> rows : byGroup.values()) {
            rows.sort(Comparator.comparing((UnitRank r) -> r.score() == null ? -1.0 : r.score())
                    .reversed()
                    .thenComparing(UnitRank::name));
            int start = ranked.size();
            for (int i = 0; i < rows.size(); i++) {
                UnitRank r = rows.get(i);
                Double previous = i == 0 ? null : rows.get(i - 1).score();
                Double nextScore = i + 1 < rows.size() ? rows.get(i + 1).score() : null;
                int place = r.score() == null
                        ? 0
                        : previous != null && previous.equals(r.score())
                                ? ranked.get(start + i - 1).rank()
                                : i + 1;
                boolean tied = r.score() != null
                        && (r.score().equals(previous) || r.score().equals(nextScore));
                ranked.add(r.ranked(place, tied));
            }
        }
        return ranked;
    }

    /** The mean of the rates a unit has; none when it has none. */
    static Double score(Double... rates) {
        double sum = 0;
        int n = 0;
        for (Double r : rates) {
            if (r != null) {
                sum += r;
                n++;
            }
        }
        return n == 0 ? null : Math.round(sum * 10 / n) / 10.0;
    }

    /** The bulletin's words, from its figures. */
    List<Block> blocks(PeriodKind kind, BulletinFigures f) {
        String period = kind.describe(f.from());
        List<Block> b = new ArrayList<>();
        b.add(Block.paragraph("各有关单位："));
        b.add(Block.paragraph("现将" + period + f.jurisdiction() + "督查督办事项办理情况通报如下。"));
        Totals t = f.totals();
        b.add(Block.heading(1, "一、总体情况"));
        b.add(Block.paragraph("截至" + day(f.asOf()) + "，纳入督办的事项" + t.live() + "项，其中在办" + t.open() + "项。本期到期或办结的事项"
                + t.due() + "项，按时办结" + t.closedOnTime() + "项，按时办结率" + percent(t.closedOnTime(), t.due()) + "；应报送进展"
                + t.reportsDue() + "次，按时报送" + t.reportsOnTime() + "次，按时报送率" + percent(t.reportsOnTime(), t.reportsDue())
                + "。在办事项中，进度正常（绿色）" + t.green() + "项、黄色预警" + t.yellow() + "项、红色预警" + t.red() + "项，逾期未办结"
                + t.overdue() + "项。"));
        b.add(Block.heading(1, "二、各单位排名"));
        b.add(Block.paragraph("综合得分为按时办结率、按时报送率和进度正常率的平均值（本期没有的项目不计入），区域和部门分别排名。"));
        String group = null;
        int n = 0;
        for (UnitRank r : f.ranking()) {
            if (!r.group().equals(group)) {
                group = r.group();
                b.add(Block.heading(2, "（" + CHINESE[n++] + "）" + group));
            }
            b.add(Block.paragraph(rankLine(r)));
        }
        b.add(Block.heading(1, "三、需要重点关注的事项"));
        section(b, "（一）逾期未办结事项", f.overdue(), "本期没有逾期未办结的事项。");
        section(b, "（二）红色预警事项", f.red(), "本期没有红色预警事项。");
        section(b, "（三）回头看发现反弹的事项", f.reopened(), "本期回头看没有发现反弹。");
        b.add(Block.heading(1, "四、典型经验"));
        list(b, f.good(), "本期没有提前办结且评价满意的事项。");
        b.add(Block.heading(1, "五、久督不改事项"));
        list(b, f.bad(), "本期没有久督不改的事项。");
        b.add(Block.heading(1, "六、工作要求"));
        b.add(Block.paragraph(
                "各单位要对照本通报，逐项分析逾期和红色预警事项的原因，明确整改措施和完成时限，在下一个报送周期前报送整改情况；" + "对久督不改的事项，督查部门将跟踪问效，必要时提请约谈。"));
        return b;
    }

    private static String rankLine(UnitRank r) {
        String head = r.score() == null
                ? r.name() + "：本期没有到期、报送或在办事项，不参与排名。"
                : "第" + r.rank() + "名" + (r.tied() ? "（并列）" : "") + " " + r.name() + "：综合得分" + format(r.score()) + "分";
        if (r.score() == null) {
            return head;
        }
        return head + "，按时办结率" + show(r.closureRate(), r.closedOnTime(), r.due()) + "，按时报送率"
                + show(r.punctualityRate(), r.reportsOnTime(), r.reportsDue()) + "，进度正常率"
                + show(r.paceRate(), r.green(), r.open()) + (r.overdue() > 0 ? "，逾期" + r.overdue() + "项" : "") + "。";
    }

    private static String show(Double rate, int part, int whole) {
        return rate == null ? "—（本期无）" : format(rate) + "%（" + part + "/" + whole + "）";
    }

    private static void section(List<Block> b, String heading, List<ItemLine> lines, String none) {
        b.add(Block.heading(2, heading));
        list(b, lines, none);
    }

    private static void list(List<Block> b, List<ItemLine> lines, String none) {
        if (lines.isEmpty()) {
            b.add(Block.paragraph(none));
            return;
        }
        int n = 1;
        for (ItemLine l : lines) {
            b.add(Block.paragraph(n++ + ". " + l.title() + "（" + l.code() + "，" + l.unit()
                    + (l.deadline() == null ? "" : "，完成时限" + day(l.deadline())) + "）：" + l.note() + "。"));
        }
    }

    private static String percent(int part, int whole) {
        Double r = BulletinFigures.rate(part, whole);
        return r == null ? "—" : format(r) + "%";
    }

    private static String format(double r) {
        return r == Math.rint(r) ? Long.toString((long) r) : Double.toString(r);
    }

    static String day(LocalDate d) {
        return d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
    }

    private static <T> List<T> first(List<T> rows, int n) {
        return rows.size() <= n ? List.copyOf(rows) : List.copyOf(rows.subList(0, n));
    }

    /** A line with what orders it (days overdue, days early). */
    private record Keyed(long key, ItemLine line) {}

    private static List<ItemLine> most(List<Keyed> rows, int n) {
        return rows.stream()
                .sorted(Comparator.comparingLong(Keyed::key).reversed())
                .limit(n)
                .map(Keyed::line)
                .toList();
    }

    private static ItemLine line(ItemData i, String unit, String note) {
        return new ItemLine(i.id(), i.code(), i.title(), unit, i.deadline(), note);
    }

    private static long owner(ItemData i, List<Unit> children, Unit jurisdiction) {
        for (Unit c : children) {
            if (i.leadUnitPath().startsWith(c.path().value())) {
                return c.id();
            }
        }
        return jurisdiction.id();
    }

    /** One unit's counts while the ledger is read. */
    static final class Tally {
        int due;
        int onTime;
        int reportsDue;
        int reportsOnTime;
        int open;
        int green;
        int yellow;
        int red;
        int overdue;

        void count(Warning w) {
            switch (w) {
                case GREEN -> green++;
                case YELLOW -> yellow++;
                case RED -> red++;
            }
        }

        boolean empty() {
            return due == 0 && reportsDue == 0 && open == 0;
        }
    }
}
