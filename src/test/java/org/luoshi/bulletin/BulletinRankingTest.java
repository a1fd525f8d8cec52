package org.luoshi.bulletin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.luoshi.bulletin.BulletinFigures.UnitRank;

class BulletinRankingTest {

    private static BulletinComposer.Tally tally(
            int due, int onTime, int reportsDue, int reportsOnTime, int green, int open) {
        var t = new BulletinComposer.Tally();
        t.due = due;
        t.onTime = onTime;
        t.reportsDue = reportsDue;
        t.reportsOnTime = reportsOnTime;
        t.green = green;
        t.open = open;
        return t;
    }

    @Test
    void theScoreIsTheMeanOfTheRatesAUnitHas() {
        assertThat(BulletinComposer.score(100.0, 80.0, 90.0)).isEqualTo(90.0);
        assertThat(BulletinComposer.score(null, 80.0, 70.0)).isEqualTo(75.0);
        assertThat(BulletinComposer.score(null, null, null)).isNull();
        assertThat(BulletinComposer.score(100.0, 66.7, null)).isEqualTo(83.4); // 83.35 rounds half up
        assertThat(BulletinFigures.rate(2, 3)).isEqualTo(66.7);
        assertThat(BulletinFigures.rate(0, 0)).isNull();
    }

    @Test
    void equalScoresShareARankAndUnitsWithNothingComeLastUnranked() {
        Map<Long, BulletinComposer.Tally> tallies = new LinkedHashMap<>();
        tallies.put(1L, tally(2, 1, 0, 0, 0, 0)); // 50
        tallies.put(2L, tally(4, 4, 10, 10, 3, 3)); // 100
        tallies.put(3L, tally(0, 0, 0, 0, 0, 0)); // nothing
        tallies.put(4L, tally(1, 1, 0, 0, 0, 0)); // 100
        tallies.put(5L, tally(10, 8, 0, 0, 0, 0)); // 80
        tallies.put(9L, tally(0, 0, 0, 0, 0, 0)); // the jurisdiction itself, leading nothing: left out
        Map<Long, String> names = Map.of(1L, "甲", 2L, "乙", 3L, "丙", 4L, "丁", 5L, "戊", 9L, "本级");
        Map<Long, String> groups = Map.of(1L, "区县", 2L, "区县", 3L, "区县", 4L, "区县", 5L, "区县", 9L, "本级");
        List<UnitRank> r = BulletinComposer.rank(tallies, names, groups, 9L);
        assertThat(r).extracting(UnitRank::unitId).containsExactly(4L, 2L, 5L, 1L, 3L);
        assertThat(r).extracting(UnitRank::rank).containsExactly(1, 1, 3, 4, 0);
        assertThat(r).extracting(UnitRank::tied).containsExactly(true, true, false, false, false);
        assertThat(r.getLast().score()).isNull();
    }

    @Test
    void regionsAndDepartmentsAreRankedApart() {
        Map<Long, BulletinComposer.Tally> tallies = new LinkedHashMap<>();
        tallies.put(1L, tally(10, 9, 0, 0, 0, 0)); // a county: 90
        tallies.put(2L, tally(10, 6, 0, 0, 0, 0)); // a county: 60
        tallies.put(3L, tally(1, 1, 0, 0, 0, 0)); // a department: 100 on one item
        tallies.put(9L, tally(2, 1, 0, 0, 0, 0)); // the city itself: 50
        Map<Long, String> names = Map.of(1L, "东县", 2L, "西县", 3L, "市某局", 9L, "市本级");
        Map<Long, String> groups = Map.of(1L, "区县", 2L, "区县", 3L, "部门和单位", 9L, "本级");
        List<UnitRank> r = BulletinComposer.rank(tallies, names, groups, 9L);
        assertThat(r).extracting(UnitRank::group).containsExactly("区县", "区县", "部门和单位", "本级");
        assertThat(r).extracting(UnitRank::rank).containsExactly(1, 2, 1, 1);
    }

    @Test
    void periodsAreWeeksMonthsAndQuarters() {
        LocalDate d = LocalDate.of(2026, 11, 30); // a Monday
        assertThat(PeriodKind.WEEK.containing(d))
                .isEqualTo(new PeriodKind.Span(LocalDate.of(2026, 11, 30), LocalDate.of(2026, 12, 6)));
        assertThat(PeriodKind.WEEK.lastEndedBefore(d))
                .isEqualTo(new PeriodKind.Span(LocalDate.of(2026, 11, 23), LocalDate.of(2026, 11, 29)));
        assertThat(PeriodKind.MONTH.lastEndedBefore(d))
                .isEqualTo(new PeriodKind.Span(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 31)));
        assertThat(PeriodKind.QUARTER.containing(d))
                .isEqualTo(new PeriodKind.Span(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 12, 31)));
        assertThat(PeriodKind.QUARTER.lastEndedBefore(LocalDate.of(2026, 1, 1)))
                .isEqualTo(new PeriodKind.Span(LocalDate.of(2025, 10, 1), LocalDate.of(2025, 12, 31)));
        assertThat(PeriodKind.WEEK.describe(LocalDate.of(2026, 11, 23))).isEqualTo("2026年第48周（11月23日—11月29日）");
        assertThat(PeriodKind.QUARTER.describe(LocalDate.of(2026, 10, 1))).isEqualTo("2026年第四季度");
    }
}
