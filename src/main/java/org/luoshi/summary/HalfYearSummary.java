package org.luoshi.summary;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.luoshi.DomainException;
import org.luoshi.item.ItemData;
import org.luoshi.item.ItemKind;
import org.luoshi.item.ItemQuery;
import org.luoshi.org.Unit;
import org.luoshi.org.UnitQuery;
import org.luoshi.org.UnitScope;
import org.luoshi.progress.Accumulation;
import org.luoshi.progress.Direction;
import org.luoshi.progress.Indicator;
import org.luoshi.progress.PaceService;
import org.luoshi.progress.Warning;
import org.luoshi.security.CurrentUser;
import org.luoshi.summary.SummaryDraft.Figure;
import org.luoshi.summary.SummaryDraft.Paragraph;
import org.luoshi.summary.SummaryDraft.Section;
import org.springframework.stereotype.Service;

/**
 * Drafts 《××2026年上半年工作总结和下半年工作安排》 for a unit and everything under it, from the
 * ledger as it stood on the half-year's last day: totals, then each kind 一是…二是… with its figures;
 * the problems of lagging items; the plans of open ones. A figure the ledger lacks is said to be
 * missing, never masked.
 */
@Service
public class HalfYearSummary {

    private static final Pattern PERIOD = Pattern.compile("(\\d{4})-H([12])");
    private static final String[] ORDINALS = {"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
    private static final int PER_KIND = 8;
    private static final int PROBLEMS = 6;
    private static final int PLANS = 10;

    private final ItemQuery items;
    private final UnitQuery units;
    private final PaceService pace;
    private final Clock clock;

    HalfYearSummary(ItemQuery items, UnitQuery units, PaceService pace, Clock clock) {
        this.items = items;
        this.units = units;
        this.pace = pace;
        this.clock = clock;
    }

    /** "2026-H1": January to June; "2026-H2": July to December. */
    public record HalfYear(int year, int half) {

        public static HalfYear parse(String text) {
            Matcher m = PERIOD.matcher(text == null ? "" : text.strip());
            if (!m.matches()) {
                throw DomainException.invalid("summary.period", "period", "半年须写作 2026-H1 或 2026-H2");
            }
            return new HalfYear(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        }

        public LocalDate from() {
            return LocalDate.of(year, half == 1 ? 1 : 7, 1);
        }

        public LocalDate to() {
            return half == 1 ? LocalDate.of(year, 6, 30) : LocalDate.of(year, 12, 31);
        }

        String done() {
            return half == 1 ? year + "年上半年" : year + "年下半年";
        }

        String next() {
            return half == 1 ? "下半年" : (year + 1) + "年上半年";
        }

        String key() {
            return year + "-H" + half;
        }
    }

    public SummaryDraft draft(CurrentUser user, UnitScope scope, long unitId, HalfYear period) {
        Unit unit = units.find(unitId, scope)
                .orElseThrow(() -> DomainException.notFound("summary.unit.unknown", "单位不存在或不在您的范围内"));
        List<ItemData> rows = relevant(user, unit, period);
        LocalDate today = LocalDate.now(clock);
        // a half-year still running is told as it stands today
        LocalDate asOf = period.to().isAfter(today) ? today : period.to();
        Map<Long, PaceService.Standing> standing = pace.asOf(rows, asOf);
        List<PaceService.Standing> all = rows.stream()
                .map(r -> standing.get(r.id()))
                .filter(java.util.Objects::nonNull)
                .toList();
        ZoneId zone = clock.getZone();
        String ledger = "/items?unit=" + unit.id();

        // 一、 totals, then each kind
        List<PaceService.Standing> closed =
                all.stream().filter(PaceService.Standing::closedBy).toList();
        int onTime = (int) closed.stream()
                .filter(s -> s.item().deadline() == null
                        || !s.item()
                                .closedAt()
                                .atZone(zone)
                                .toLocalDate()
                                .isAfter(s.item().deadline()))
                .count();
        List<PaceService.Standing> open =
                all.stream().filter(s -> !s.closedBy()).toList();
        int green = count(open, Warning.GREEN);
        int yellow = count(open, Warning.YELLOW);
        int red = count(open, Warning.RED);
        int overdue = (int) open.stream()
                .filter(s -> s.item().deadline() != null && s.item().deadline().isBefore(asOf))
                .count();
        Map<ItemKind, List<PaceService.Standing>> byKind = new EnumMap<>(ItemKind.class);
        all.forEach(s ->
                byKind.computeIfAbsent(s.item().kind(), k -> new ArrayList<>()).add(s));
        Map<String, Integer> kindCounts = new LinkedHashMap<>();
        byKind.forEach((k, v) -> kindCounts.put(k.label(), v.size()));

        Text totals = new Text("summary-totals");
        totals.text(period.done() + "，" + unit.name() + "共承担督办事项").figure(all.size() + "项", ledger, null, null);
        if (!byKind.isEmpty()) {
            totals.text("，其中");
            int i = 0;
            for (var e : byKind.entrySet()) {
                totals.text(i++ == 0 ? "" : "、")
                        .text(e.getKey().label())
                        .figure(
                                e.getValue().size() + "项",
                                ledger + "&kind=" + e.getKey().name(),
                                null,
                                null);
            }
        }
        totals.text("。截至" + monthDay(asOf) + "，已办结").figure(closed.size() + "项", ledger + "&status=CLOSED", null, null);
        if (!closed.isEmpty()) {
            totals.text("，其中按期办结")
                    .figure(onTime + "项", ledger + "&status=CLOSED", null, null)
                    .text("，按期办结率")
                    .figure(percent(onTime, closed.size()), ledger + "&status=CLOSED", null, null);
        }
        totals.text("；正在推进").figure(open.size() + "项", ledger + "&status=IN_PROGRESS", null, null);
        if (!open.isEmpty()) {
            totals.text("，其中符合或超过时间进度")
                    .figure(green + "项", ledger, null, null)
                    .text("、滞后")
                    .figure(yellow + "项", ledger, null, null)
                    .text("、严重滞后")
                    .figure(red + "项", ledger, null, null);
        }
        totals.text("；逾期未办结")
                .figure(overdue + "项", ledger + "&overdue=true", null, null)
                .text("。");
        if (all.isEmpty()) {
            totals.missing("本期台账中没有该单位的督办事项，请补充上半年工作情况。");
        }

        List<Section> kinds = new ArrayList<>();
        int k = 0;
        for (var e : byKind.entrySet()) {
            List<PaceService.Standing> list = new ArrayList<>(e.getValue());
            list.sort(Comparator.comparing(
                            (PaceService.Standing s) -> s.item().level().ordinal())
                    .reversed()
                    .thenComparing(s -> s.item().id()));
            Text t = new Text("summary-kind-" + e.getKey().name());
            int shown = Math.min(PER_KIND, list.size());
            for (int i = 0; i < shown; i++) {
                t.text(ORDINALS[i] + "是");
                achievement(t, list.get(i), zone);
                t.text("。");
            }
            if (list.size() > shown) {
                t.text("此外，另有")
                        .figure(
                                (list.size() - shown) + "项",
                                ledger + "&kind=" + e.getKey().name(),
                                null,
                                null);
                t.text(e.getKey().label() + "按计划推进。");
            }
            kinds.add(new Section(
                    2,
                    "（" + ORDINALS[Math.min(k++, ORDINALS.length - 1)] + "）",
                    e.getKey().label() + "工作",
                    List.of(t.paragraph()),
                    List.of()));
        }

        // 二、 problems: lagging items first, then what units reported as problems
        List<PaceService.Standing> lagging = open.stream()
                .filter(s -> s.pace().warning() == Warning.RED || s.pace().warning() == Warning.YELLOW)
                .sorted(Comparator.comparing(
                                (PaceService.Standing s) -> s.pace().lagPoints())
                        .reversed())
                .toList();
        Text problems = new Text("summary-problems");
        int n = 0;
        Set<Long> named = new HashSet<>();
        for (PaceService.Standing s : lagging.subList(0, Math.min(PROBLEMS, lagging.size()))) {
            problems.text(ORDINALS[n++] + "是" + s.item().title() + "进度滞后，");
            problems.figure(
                    s.pace().sentence(), "/items/" + s.item().id(), s.item().id(), null);
            if (s.item().deadline() != null && s.item().deadline().isBefore(asOf)) {
                problems.text("，已超过完成时限" + monthDay(s.item().deadline()));
            }
            if (s.latest() != null
                    && s.latest().problems() != null
                    && !s.latest().problems().isBlank()) {
                problems.text("，主要是")
                        .figure(
                                trimStop(s.latest().problems()),
                                reportHref(s),
                                s.item().id(),
                                s.latest().id());
            }
            problems.text("。");
            named.add(s.item().id());
        }
        for (PaceService.Standing s : open) {
            if (n >= PROBLEMS + 3 || named.contains(s.item().id())) {
                continue;
            }
            if (s.latest() != null
                    && s.latest().problems() != null
                    && !s.latest().problems().isBlank()) {
                problems.text(ORDINALS[Math.min(n++, ORDINALS.length - 1)] + "是"
                                + s.item().title() + "反映")
                        .figure(
                                trimStop(s.latest().problems()),
                                reportHref(s),
                                s.item().id(),
                                s.latest().id())
                        .text("。");
            }
        }
        if (all.isEmpty()) {
            problems.missing("【待补充：台账中没有本期事项，无从分析存在的问题】");
        } else if (n == 0) {
            problems.text(period.done() + "各项督办事项均按时间进度推进，台账中暂无滞后事项和报送的问题。");
        }
        if (lagging.size() > PROBLEMS) {
            problems.text("另有")
                    .figure((lagging.size() - PROBLEMS) + "项", ledger, null, null)
                    .text("事项滞后于时间进度。");
        }

        // 三、 plans: open items by deadline, with their next steps
        List<PaceService.Standing> ahead = open.stream()
                .sorted(Comparator.comparing(
                        (PaceService.Standing s) -> s.item().deadline(),
                        Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
        Text plans = new Text("summary-plans");
        int p = 0;
        for (PaceService.Standing s : ahead.subList(0, Math.min(PLANS, ahead.size()))) {
            plans.text(ORDINALS[p++] + "是" + s.item().title() + "。");
            String next = s.latest() == null ? null : s.latest().nextSteps();
            if (next != null && !next.isBlank()) {
                plans.figure(
                        trimStop(next), reportHref(s), s.item().id(), s.latest().id());
            } else {
                boolean late =
                        s.item().deadline() != null && s.item().deadline().isBefore(asOf);
                plans.text(late ? "加快推进" : "按计划推进");
            }
            if (s.item().deadline() != null && s.item().deadline().isBefore(asOf)) {
                plans.text("，已超过完成时限")
                        .figure(
                                date(s.item().deadline()),
                                "/items/" + s.item().id(),
                                s.item().id(),
                                null)
                        .text("，须尽快完成");
            } else if (s.item().deadline() != null) {
                plans.text("，确保")
                        .figure(
                                date(s.item().deadline()),
                                "/items/" + s.item().id(),
                                s.item().id(),
                                null);
                plans.text("前完成");
            }
            remaining(plans, s);
            plans.text("。");
        }
        if (ahead.size() > PLANS) {
            plans.text("此外，还有")
                    .figure((ahead.size() - PLANS) + "项", ledger, null, null)
                    .text("事项按计划推进。");
        }
        if (ahead.isEmpty()) {
            plans.missing("台账中没有跨入" + period.next() + "的事项，请补充" + period.next() + "工作打算。");
        }

        String title = unit.name() + period.done() + "工作总结和" + period.next() + "工作安排";
        List<Section> sections = List.of(
                new Section(1, "一、", period.done().substring(5) + "工作完成情况", List.of(totals.paragraph()), kinds),
                new Section(1, "二、", "存在的问题", List.of(problems.paragraph()), List.of()),
                new Section(1, "三、", period.next() + "工作打算", List.of(plans.paragraph()), List.of()));
        return new SummaryDraft(
                title,
                unit.id(),
                unit.name(),
                period.key(),
                period.from(),
                period.to(),
                asOf,
                sections,
                new SummaryDraft.Totals(
                        all.size(), kindCounts, closed.size(), onTime, open.size(), green, yellow, red, overdue),
                clock.instant(),
                false,
                0);
    }

    private static final int ROWS_AT_ONCE = 5_000;

    /** Items led by the unit or any unit under it that were under way at some time in the half-year. */
    private List<ItemData> relevant(CurrentUser user, Unit unit, HalfYear period) {
        // the view's ids in one pass, then the rows in large batches: paging a city's 35,000 items
        // 200 at a time counted and skipped the view again for each page (16 s)
        List<Long> ids = items.ids(
                user,
                ItemQuery.Filter.byStage(ItemQuery.Stage.LIVE, null, 1, ItemQuery.MAX_PAGE_SIZE),
                unit.path().value(),
                Integer.MAX_VALUE);
        List<ItemData> found = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += ROWS_AT_ONCE) {
            Map<Long, ItemData> byId = new HashMap<>();
            List<Long> batch = ids.subList(from, Math.min(ids.size(), from + ROWS_AT_ONCE));
            items.byIds(batch).forEach(i -> byId.put(i.id(), i));
            for (Long id : batch) {
                ItemData i = byId.get(id);
                if (i == null) {
                    continue;
                }
                LocalDate began = i.startDate() != null
                        ? i.startDate()
                        : i.dispatchedAt() == null
                                ? null
                                : i.dispatchedAt().atZone(clock.getZone()).toLocalDate();
                boolean startedBy = began == null || !began.isAfter(period.to());
                boolean closedBefore = i.closedAt() != null
                        && i.closedAt().atZone(clock.getZone()).toLocalDate().isBefore(period.from());
                if (startedBy && !closedBefore) {
                    found.add(i);
                }
            }
        }
        // a decomposed item speaks for its children when both are in the unit's ledger
        Set<Long> inLedger = new HashSet<>();
        found.forEach(i -> inLedger.add(i.id()));
        return found.stream()
                .filter(i -> i.parentId() == null || !inLedger.contains(i.parentId()))
                .toList();
    }

    /** One item's sentence: closed when, or its figures, its share of the target and its pace. */
    private static void achievement(Text t, PaceService.Standing s, ZoneId zone) {
        ItemData item = s.item();
        String href = "/items/" + item.id();
        t.text(item.title());
        if (s.closedBy()) {
            LocalDate on = item.closedAt().atZone(zone).toLocalDate();
            t.text("，已于").figure(monthDay(on), href, item.id(), null).text("办结");
            if (item.deadline() != null && on.isAfter(item.deadline())) {
                t.text("，晚于完成时限" + monthDay(item.deadline()));
            }
            return;
        }
        List<Indicator> reported = s.indicators().stream()
                .filter(i -> i.current() != null)
                .limit(2)
                .toList();
        Long reportId = s.latest() == null ? null : s.latest().id();
        String reportHref = reportId == null ? href : reportHref(s);
        if (!reported.isEmpty()) {
            for (Indicator i : reported) {
                t.text("，" + i.name() + (i.accumulation() == Accumulation.CUMULATIVE ? "完成" : "达到"))
                        .figure(number(i.current()) + i.measure(), reportHref, item.id(), reportId);
                Double c = i.completion();
                if (c != null && i.target().signum() != 0 && !i.isRate()) {
                    t.text(
                                    i.direction() == Direction.INCREASE && i.accumulation() == Accumulation.CUMULATIVE
                                            ? "，占年计划的"
                                            : "，完成目标的")
                            .figure(Math.round(c * 100) + "%", reportHref, item.id(), reportId);
                }
            }
        } else if (s.pace().basis() != org.luoshi.progress.Pace.Basis.NONE) {
            t.text("，完成进度").figure(Math.round(s.pace().progressRatio() * 100) + "%", reportHref, item.id(), reportId);
        } else {
            t.missing("，【待补充：本期尚无进展数据】");
            return;
        }
        t.text("，").figure(s.pace().sentence(), href, item.id(), null);
    }

    private static void remaining(Text t, PaceService.Standing s) {
        for (Indicator i : s.indicators()) {
            if (i.current() == null
                    || i.isRate()
                    || i.direction() != Direction.INCREASE
                    || i.accumulation() != Accumulation.CUMULATIVE) {
                continue;
            }
            BigDecimal left = i.target().subtract(i.current());
            if (left.signum() > 0) {
                t.text("，" + i.name() + "尚需完成")
                        .figure(
                                number(left) + i.measure(),
                                "/items/" + s.item().id(),
                                s.item().id(),
                                null);
            }
            return;
        }
    }

    private static String reportHref(PaceService.Standing s) {
        return "/items/" + s.item().id() + "#report-" + s.latest().id();
    }

    private static int count(List<PaceService.Standing> list, Warning w) {
        return (int) list.stream().filter(s -> s.pace().warning() == w).count();
    }

    static String percent(int part, int whole) {
        return whole == 0
                ? "0%"
                : BigDecimal.valueOf(part * 100L).divide(BigDecimal.valueOf(whole), 0, RoundingMode.HALF_UP) + "%";
    }

    static String number(BigDecimal v) {
        BigDecimal r = v.setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
        return r.scale() < 0 ? r.setScale(0).toPlainString() : r.toPlainString();
    }

    private static String monthDay(LocalDate d) {
        return d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
    }

    private static String date(LocalDate d) {
        return d.getYear() + "年" + monthDay(d);
    }

    private static String trimStop(String s) {
        return s.strip().replaceAll("[。；;，,\\s]+$", "");
    }

    /** A paragraph being written, keeping each figure's text and origin. */
    static final class Text {
        private final String key;
        private final StringBuilder text = new StringBuilder();
        private final List<Figure> figures = new ArrayList<>();
        private boolean missing;

        Text(String key) {
            this.key = key;
        }

        Text text(String s) {
            text.append(s);
            return this;
        }

        Text figure(String s, String href, Long itemId, Long reportId) {
            text.append(s);
            figures.add(new Figure(s, href, itemId, reportId));
            return this;
        }

        Text missing(String s) {
            text.append(s);
            missing = true;
            return this;
        }

        Paragraph paragraph() {
            return new Paragraph(key, text.toString(), List.copyOf(figures), missing);
        }
    }
}
