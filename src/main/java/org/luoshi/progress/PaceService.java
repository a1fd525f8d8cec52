package org.luoshi.progress;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.luoshi.item.ItemData;
import org.luoshi.item.ItemQuery;
import org.luoshi.item.ItemStatus;
import org.luoshi.item.Milestone;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Gathers what the pace policy needs for a page of items in a few set queries, then applies it. */
@Service
public class PaceService {

    private final JdbcClient jdbc;
    private final IndicatorService indicators;
    private final ReportService reports;
    private final ItemQuery items;
    private final Clock clock;
    private final PacePolicy policy;

    PaceService(
            JdbcClient jdbc,
            IndicatorService indicators,
            ReportService reports,
            ItemQuery items,
            Clock clock,
            @Value("${luoshi.pace.yellow-above:10}") int yellowAbove,
            @Value("${luoshi.pace.red-above:25}") int redAbove) {
        this.jdbc = jdbc;
        this.indicators = indicators;
        this.reports = reports;
        this.items = items;
        this.clock = clock;
        this.policy = new PacePolicy(yellowAbove, redAbove);
    }

    /** What a kept pace depends on besides the item's facts: the thresholds and the reports' due day. */
    public String policyKey() {
        return policy.yellowAbove() + "/" + policy.redAbove() + "/" + reports.monthlyDueWorkingDay();
    }

    /**
     * Pace of each item that is under way or done; drafts and cancelled items have none. Today's
     * kept pace is read where it is current ({@link PaceStore}); the rest are computed.
     */
    public Map<Long, Pace> of(Collection<ItemData> rows) {
        Map<Long, Pace> result = kept(rows);
        List<ItemData> rest = notIn(rows, result);
        List<Long> ids = pacedIds(rest);
        result.putAll(of(rest, reports.ofItems(ids), indicators.ofItems(ids)));
        return result;
    }

    /** Computed from the items' facts, never read from what is kept: what {@link PaceStore} keeps. */
    Map<Long, Pace> live(Collection<ItemData> rows) {
        return of(rows, reports.ofItems(pacedIds(rows)));
    }

    /** The same, with the items' reports already read (newest period first). */
    public Map<Long, Pace> of(Collection<ItemData> rows, Map<Long, List<Report>> reps) {
        return of(rows, reps, indicators.ofItems(pacedIds(rows)));
    }

    /** The same, with the items' indicators (current values) already read too. */
    public Map<Long, Pace> withIndicators(Collection<ItemData> rows, Map<Long, List<Indicator>> ind) {
        Map<Long, Pace> result = kept(rows);
        List<ItemData> rest = notIn(rows, result);
        result.putAll(of(rest, reports.ofItems(pacedIds(rest)), ind));
        return result;
    }

    private static List<Long> pacedIds(Collection<ItemData> rows) {
        return rows.stream().filter(PaceService::paced).map(ItemData::id).toList();
    }

    private static List<ItemData> notIn(Collection<ItemData> rows, Map<Long, Pace> known) {
        return rows.stream().filter(i -> !known.containsKey(i.id())).toList();
    }

    /**
     * The kept paces of these items that still hold: not marked stale since, computed today under
     * today's policy. A ledger page of fifty items read 930 reports to recompute them (6 ms of the
     * database's time and an eighth of the request's CPU); this is fifty key lookups.
     */
    private Map<Long, Pace> kept(Collection<ItemData> rows) {
        Map<Long, Pace> kept = new HashMap<>();
        List<Long> ids =
                rows.stream().filter(i -> i.status().open()).map(ItemData::id).toList();
        if (ids.isEmpty()) {
            return kept;
        }
        jdbc.sql("""
                        SELECT item_id, time_ratio, progress_ratio, basis, lag_points, warning, missing_report, overdue
                          FROM item_pace
                         WHERE item_id = ANY(:ids) AND NOT stale AND as_of = :today AND policy = :policy
                           AND basis IS NOT NULL
                        """)
                .param("ids", ids.toArray(Long[]::new))
                .param("today", LocalDate.now(clock))
                .param("policy", policyKey())
                .query(rs -> {
                    kept.put(
                            rs.getLong("item_id"),
                            new Pace(
                                    rs.getDouble("time_ratio"),
                                    rs.getDouble("progress_ratio"),
                                    Pace.Basis.valueOf(rs.getString("basis")),
                                    rs.getInt("lag_points"),
                                    Warning.valueOf(rs.getString("warning")),
                                    rs.getBoolean("missing_report"),
                                    rs.getBoolean("overdue")));
                });
        return kept;
    }

    private Map<Long, Pace> of(
            Collection<ItemData> rows, Map<Long, List<Report>> reps, Map<Long, List<Indicator>> ind) {
        List<ItemData> paced = rows.stream().filter(PaceService::paced).toList();
        List<Long> ids = paced.stream().map(ItemData::id).toList();
        Map<Long, List<Milestone>> steps = items.milestones(ids);
        LocalDate today = LocalDate.now(clock);
        Map<Long, Pace> result = new HashMap<>();
        for (ItemData item : paced) {
            List<Report> mine = reps.getOrDefault(item.id(), List.of());
            List<Milestone> ms = steps.getOrDefault(item.id(), List.of());
            Double percent = mine.stream()
                    .filter(r -> r.status().counts() && r.percentComplete() != null)
                    .findFirst() // newest period first
                    .map(r -> r.percentComplete().doubleValue())
                    .orElse(null);
            result.put(
                    item.id(),
                    policy.assess(new PacePolicy.Facts(
                            ReportService.spanStart(item),
                            item.deadline(),
                            today,
                            item.status() == ItemStatus.CLOSED,
                            ind.getOrDefault(item.id(), List.of()),
                            (int) ms.stream().filter(Milestone::done).count(),
                            ms.size(),
                            percent,
                            missing(item, mine, today) != null)));
        }
        return result;
    }

    /** An item as it stood at the end of a day: its pace, indicators and newest counted report then. */
    public record Standing(ItemData item, Pace pace, List<Indicator> indicators, Report latest, boolean closedBy) {}

    /**
     * Where each item stood at the end of {@code day} (a half-year's last day, say): only reports of
     * periods ended by then count, and an item closed later was still open then.
     */
    public Map<Long, Standing> asOf(Collection<ItemData> rows, LocalDate day) {
        List<ItemData> paced = rows.stream().filter(PaceService::paced).toList();
        List<Long> ids = paced.stream().map(ItemData::id).toList();
        Map<Long, List<Indicator>> ind = indicators.ofItems(ids, day);
        Map<Long, List<Report>> reps = reports.ofItems(ids);
        Map<Long, List<Milestone>> steps = items.milestones(ids);
        Map<Long, Standing> result = new HashMap<>();
        java.time.Instant endOfDay =
                day.plusDays(1).atStartOfDay(clock.getZone()).toInstant();
        for (ItemData item : paced) {
            List<Report> mine = reps.getOrDefault(item.id(), List.of()).stream()
                    .filter(r -> r.status().counts() && !r.periodEnd().isAfter(day))
                    .toList();
            List<Milestone> ms = steps.getOrDefault(item.id(), List.of());
            boolean closed = item.status() == ItemStatus.CLOSED
                    && item.closedAt() != null
                    && item.closedAt().isBefore(endOfDay);
            Report latest = mine.isEmpty() ? null : mine.getFirst();
            Pace pace = policy.assess(new PacePolicy.Facts(
                    ReportService.spanStart(item),
                    item.deadline(),
                    day,
                    closed,
                    ind.getOrDefault(item.id(), List.of()),
                    (int) ms.stream()
                            .filter(m -> m.done() && !m.doneOn().isAfter(day))
                            .count(),
                    ms.size(),
                    mine.stream()
                            .filter(r -> r.percentComplete() != null)
                            .findFirst()
                            .map(r -> r.percentComplete().doubleValue())
                            .orElse(null),
                    false));
            result.put(item.id(), new Standing(item, pace, ind.getOrDefault(item.id(), List.of()), latest, closed));
        }
        return result;
    }

    /** Reports that fell due within a span, and how many of them were sent up by their due day. */
    public record Punctuality(int due, int onTime) {}

    /**
     * 按时报送: for each item, the periodic reports due between {@code from} and {@code to} (not
     * after {@code to}, and only while the item was under way), and those first sent by the due day.
     * One-off items owe no periodic reports and are left out.
     */
    public Map<Long, Punctuality> punctuality(
            Collection<ItemData> rows, Map<Long, List<Report>> reps, LocalDate from, LocalDate to) {
        Map<Long, Punctuality> result = new HashMap<>();
        for (ItemData item : rows) {
            LocalDate start = owedFrom(item);
            if (item.cadence() == org.luoshi.item.Cadence.ONCE || start == null || item.deadline() == null) {
                continue;
            }
            LocalDate closed = item.closedAt() == null
                    ? null
                    : LocalDate.ofInstant(item.closedAt(), java.time.ZoneId.of("Asia/Shanghai"));
            Map<String, Report> byPeriod = new HashMap<>();
            reps.getOrDefault(item.id(), List.of()).forEach(r -> byPeriod.put(r.period(), r));
            int due = 0;
            int onTime = 0;
            ReportingPeriod p = ReportingPeriod.containing(start, item.cadence(), start, item.deadline());
            for (int guard = 0; guard < 600 && !p.start().isAfter(to) && p.overlaps(start, item.deadline()); guard++) {
                LocalDate dueOn = reports.dueOn(p);
                boolean inSpan = !dueOn.isBefore(from) && !dueOn.isAfter(to);
                boolean underWay = closed == null || closed.isAfter(dueOn);
                if (inSpan && underWay) {
                    due++;
                    Report r = byPeriod.get(p.key());
                    if (r != null && r.submittedAt() != null && r.status() != ReportStatus.DRAFT && !r.late()) {
                        onTime++;
                    }
                }
                p = p.next();
            }
            if (due > 0) {
                result.put(item.id(), new Punctuality(due, onTime));
            }
        }
        return result;
    }

    public Pace of(ItemData item) {
        return of(List.of(item)).get(item.id());
    }

    /**
     * 未按时反馈: the latest period within the item's span whose report was due before today and
     * has not been sent up; null when none is missing.
     */
    public ReportingPeriod missing(ItemData item, List<Report> itsReports, LocalDate today) {
        if (item.status() != ItemStatus.ACCEPTED && item.status() != ItemStatus.IN_PROGRESS) {
            return null;
        }
        LocalDate start = owedFrom(item);
        if (start == null || item.deadline() == null) {
            return null;
        }
        Set<String> sent = itsReports.stream()
                .filter(r -> r.submittedAt() != null && r.status() != ReportStatus.DRAFT)
                .map(Report::period)
                .collect(Collectors.toSet());
        ReportingPeriod p = ReportingPeriod.containing(today, item.cadence(), start, item.deadline());
        // walk back to the newest period already due
        for (int guard = 0; guard < 60 && p.overlaps(start, item.deadline()); guard++) {
            LocalDate due = reports.dueOn(p);
            if (due.isBefore(today)) {
                return sent.contains(p.key()) ? null : p;
            }
            if (p.cadence() == org.luoshi.item.Cadence.ONCE) {
                return null;
            }
            p = p.previous();
        }
        return null;
    }

    /** The period a unit should be writing now for an item: a due one not yet sent, else the current one. */
    public ReportingPeriod owed(ItemData item, List<Report> itsReports, LocalDate today) {
        LocalDate start = owedFrom(item);
        ReportingPeriod current = ReportingPeriod.containing(today, item.cadence(), start, item.deadline());
        ReportingPeriod previous = current.previous();
        Set<String> sent = itsReports.stream()
                .filter(r -> r.submittedAt() != null)
                .map(Report::period)
                .collect(Collectors.toSet());
        if (previous != current
                && start != null
                && previous.overlaps(start, item.deadline() == null ? today : item.deadline())
                && !sent.contains(previous.key())) {
            return previous;
        }
        return current;
    }

    /**
     * Reports are owed from the later of the planned start and the dispatch: a unit is not late for
     * a month that ended before the item reached it.
     */
    static LocalDate owedFrom(ItemData item) {
        LocalDate start = ReportService.spanStart(item);
        if (item.dispatchedAt() == null) {
            return start;
        }
        LocalDate dispatched = LocalDate.ofInstant(item.dispatchedAt(), java.time.ZoneId.of("Asia/Shanghai"));
        return start == null || dispatched.isAfter(start) ? dispatched : start;
    }

    static boolean paced(ItemData item) {
        return item.status() != ItemStatus.DRAFT && item.status() != ItemStatus.CANCELLED;
    }
}
