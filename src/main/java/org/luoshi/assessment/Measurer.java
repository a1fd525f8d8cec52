package org.luoshi.assessment;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.luoshi.item.ClosureRating;
import org.luoshi.item.ItemData;
import org.luoshi.item.ItemQuery;
import org.luoshi.org.Unit;
import org.luoshi.org.UnitQuery;
import org.luoshi.org.UnitScope;
import org.luoshi.progress.Indicator;
import org.luoshi.progress.IndicatorService;
import org.luoshi.progress.PaceService;
import org.luoshi.progress.Report;
import org.luoshi.progress.ReportService;
import org.luoshi.suggestion.SuggestionService;
import org.springframework.stereotype.Component;

/**
 * Reads a jurisdiction's ledger for a scheme's span and gives each unit directly under it its
 * measures: an item counts in full for the unit whose subtree leads it, and at the co-handling
 * credit for each other unit whose subtree co-handles it.
 */
@Component
class Measurer {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private final ItemQuery items;
    private final UnitQuery units;
    private final PaceService pace;
    private final ReportService reports;
    private final IndicatorService indicators;
    private final SuggestionService suggestions;

    Measurer(
            ItemQuery items,
            UnitQuery units,
            PaceService pace,
            ReportService reports,
            IndicatorService indicators,
            SuggestionService suggestions) {
        this.items = items;
        this.units = units;
        this.pace = pace;
        this.reports = reports;
        this.indicators = indicators;
        this.suggestions = suggestions;
    }

    /** The units assessed: those of the scheme's group directly under the jurisdiction, in their order. */
    List<Unit> assessed(Scheme s) {
        return units.children(s.unitId(), UnitScope.all()).stream()
                .filter(s::assesses)
                .toList();
    }

    /** Each assessed unit's measures by criterion, as of the scheme's last day (or today). */
    Map<Long, Map<Criterion, Scoring.Measure>> measure(Scheme s, LocalDate today) {
        LocalDate asOf = s.to().isBefore(today) ? s.to() : today;
        Instant start = s.from().atStartOfDay(ZONE).toInstant();
        Instant end = asOf.plusDays(1).atStartOfDay(ZONE).toInstant();
        List<Unit> assessed = assessed(s);
        List<ItemData> ledger = items.liveUnder(s.unitPath()).stream()
                .filter(i -> i.existedBefore(end))
                .toList();
        List<Long> ids = ledger.stream().map(ItemData::id).toList();
        Map<Long, List<Long>> co = items.coUnits(ids);
        Map<Long, String> coPaths = new HashMap<>();
        co.values().stream()
                .flatMap(List::stream)
                .distinct()
                .forEach(u -> units.find(u, UnitScope.all())
                        .ifPresent(unit -> coPaths.put(u, unit.path().value())));
        Map<Long, List<Report>> reps = reports.ofItems(ids);
        Map<Long, PaceService.Punctuality> punctual =
                pace.punctuality(ledger, reps, s.from(), s.to().isBefore(today) ? s.to() : today.minusDays(1));
        Map<Long, List<Indicator>> ind = indicators.ofItems(ids, asOf);
        Map<Long, List<SuggestionService.RatedItem>> citizen = new HashMap<>();
        suggestions
                .ratedBetween(s.from(), asOf)
                .forEach(r -> citizen.computeIfAbsent(r.itemId(), k -> new ArrayList<>())
                        .add(r));
        double lead = s.leadCredit().doubleValue();
        double coCredit = s.coCredit().doubleValue();

        Map<Long, Tally> tallies = new LinkedHashMap<>();
        assessed.forEach(u -> tallies.put(u.id(), new Tally()));
        for (ItemData i : ledger) {
            Instant closedAt = i.closedAt() != null && i.closedAt().isBefore(end) ? i.closedAt() : null;
            if (closedAt != null && closedAt.isBefore(start)) {
                continue;
            }
            LocalDate closed = closedAt == null ? null : LocalDate.ofInstant(closedAt, ZONE);
            Long leader = owner(i.leadUnitPath(), assessed);
            List<Long> helpers = new ArrayList<>();
            for (Long c : co.getOrDefault(i.id(), List.of())) {
                Long o = coPaths.containsKey(c) ? owner(coPaths.get(c), assessed) : null;
                if (o != null && !o.equals(leader) && !helpers.contains(o)) {
                    helpers.add(o);
                }
            }
            boolean dueIn = i.deadline() != null
                    && !i.deadline().isBefore(s.from())
                    && !i.deadline().isAfter(s.to());
            boolean counted = closed != null || dueIn;
            boolean onTime = closed != null && (i.deadline() == null || !closed.isAfter(i.deadline()));
            Integer rating = closed == null || i.closureRating() == null ? null : ratingScore(i.closureRating());
            if (leader != null) {
                Tally t = tallies.get(leader);
                if (counted) {
                    t.due += lead;
                    t.onTime += onTime ? lead : 0;
                }
                if (rating != null) {
                    t.ratingWhole += lead;
                    t.ratingPart += lead * rating / 100.0;
                }
                PaceService.Punctuality p = punctual.get(i.id());
                if (p != null) {
                    t.reportsDue += p.due();
                    t.reportsOnTime += p.onTime();
                }
                Double done = Indicator.completionOf(ind.getOrDefault(i.id(), List.of()));
                if (done != null) {
                    t.indicatorWhole += 1;
                    t.indicatorPart += Math.min(1.0, done);
                }
                for (SuggestionService.RatedItem r : citizen.getOrDefault(i.id(), List.of())) {
                    t.citizenWhole += 1;
                    t.citizenPart += r.rating().score() / 100.0;
                }
            }
            for (Long h : helpers) {
                Tally t = tallies.get(h);
                if (counted) {
                    t.due += coCredit;
                    t.onTime += onTime ? coCredit : 0;
                }
                if (rating != null) {
                    t.ratingWhole += coCredit;
                    t.ratingPart += coCredit * rating / 100.0;
                }
            }
        }
        Map<Long, Map<Criterion, Scoring.Measure>> out = new LinkedHashMap<>();
        tallies.forEach((id, t) -> out.put(id, t.measures()));
        return out;
    }

    static int ratingScore(ClosureRating r) {
        return switch (r) {
            case SATISFIED -> 100;
            case BASICALLY_SATISFIED -> 80;
            case UNSATISFIED -> 0;
        };
    }

    private static Long owner(String path, List<Unit> assessed) {
        for (Unit u : assessed) {
            if (path.startsWith(u.path().value())) {
                return u.id();
            }
        }
        return null;
    }

    /** A unit's weighted counts while the ledger is read. */
    static final class Tally {
        double due;
        double onTime;
        double reportsDue;
        double reportsOnTime;
        double indicatorPart;
        double indicatorWhole;
        double ratingPart;
        double ratingWhole;
        double citizenPart;
        double citizenWhole;

        Map<Criterion, Scoring.Measure> measures() {
            Map<Criterion, Scoring.Measure> m = new EnumMap<>(Criterion.class);
            m.put(Criterion.ON_TIME_CLOSURE, new Scoring.Measure(onTime, due, "按时办结" + n(onTime) + "/" + n(due) + "项"));
            m.put(
                    Criterion.REPORT_PUNCTUALITY,
                    new Scoring.Measure(
                            reportsOnTime, reportsDue, "按时报送" + n(reportsOnTime) + "/" + n(reportsDue) + "次"));
            m.put(
                    Criterion.INDICATOR_COMPLETION,
                    new Scoring.Measure(indicatorPart, indicatorWhole, n(indicatorWhole) + "个事项有量化指标"));
            m.put(
                    Criterion.CLOSURE_RATING,
                    new Scoring.Measure(ratingPart, ratingWhole, "销号评价" + n(ratingWhole) + "项（计权）"));
            m.put(
                    Criterion.CITIZEN_SATISFACTION,
                    new Scoring.Measure(citizenPart, citizenWhole, "群众评价" + n(citizenWhole) + "条"));
            return m;
        }

        private static String n(double v) {
            return v == Math.rint(v) ? Long.toString((long) v) : String.format("%.1f", v);
        }
    }
}
