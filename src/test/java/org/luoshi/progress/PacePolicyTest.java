package org.luoshi.progress;

import static java.time.LocalDate.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class PacePolicyTest {

    private final PacePolicy policy = new PacePolicy(10, 25);

    // a year's item, half gone on 2 July (182 of 364 days)
    private static final LocalDate START = of(2026, 1, 1);
    private static final LocalDate END = of(2026, 12, 31);
    private static final LocalDate MIDYEAR = of(2026, 7, 2);

    private static Indicator indicator(double baseline, double target, Double current, Direction d, double weight) {
        return new Indicator(
                1,
                1,
                1,
                "指标",
                "亿元",
                BigDecimal.valueOf(baseline),
                BigDecimal.valueOf(target),
                d,
                Accumulation.LATEST,
                BigDecimal.valueOf(weight),
                current == null ? null : BigDecimal.valueOf(current));
    }

    private Pace assess(List<Indicator> indicators, int done, int total, Double percent, LocalDate today) {
        return policy.assess(new PacePolicy.Facts(START, END, today, false, indicators, done, total, percent, false));
    }

    @Test
    void withNothingReportedTheLagIsTheTimeGone() {
        Pace pace = assess(List.of(), 0, 0, null, MIDYEAR);
        assertThat(pace.basis()).isEqualTo(Pace.Basis.NONE);
        assertThat(pace.timeRatio()).isCloseTo(0.5, within(0.01));
        assertThat(pace.progressRatio()).isZero();
        assertThat(pace.lagPoints()).isEqualTo(50);
        assertThat(pace.warning()).isEqualTo(Warning.RED);
        assertThat(pace.sentence()).isEqualTo("落后时间进度50个百分点");
    }

    @Test
    void aDecreasingIndicatorCountsTheWayDown() {
        // PM2.5 from 40 to 30: at 35 half the way is done
        Pace pace = assess(List.of(indicator(40, 30, 35.0, Direction.DECREASE, 1)), 0, 0, null, MIDYEAR);
        assertThat(pace.basis()).isEqualTo(Pace.Basis.INDICATORS);
        assertThat(pace.progressRatio()).isCloseTo(0.5, within(1e-9));
        assertThat(pace.warning()).isEqualTo(Warning.GREEN);
        // worse than the baseline is no progress, not negative progress
        assertThat(assess(List.of(indicator(40, 30, 45.0, Direction.DECREASE, 1)), 0, 0, null, MIDYEAR)
                        .progressRatio())
                .isZero();
    }

    @Test
    void aTargetAlreadyExceededCountsAsDoneNotMore() {
        Pace pace = assess(List.of(indicator(0, 3.2, 4.0, Direction.INCREASE, 1)), 0, 0, null, MIDYEAR);
        assertThat(pace.progressRatio()).isEqualTo(1.0);
        assertThat(pace.lagPoints()).isEqualTo(-50);
        assertThat(pace.sentence()).isEqualTo("超时间进度50个百分点");
    }

    @Test
    void indicatorsAreWeightedAndUnreportedOnesLeftOut() {
        Pace pace = assess(
                List.of(
                        indicator(0, 10, 10.0, Direction.INCREASE, 3), // done
                        indicator(0, 10, 0.0, Direction.INCREASE, 1), // nothing yet
                        indicator(0, 10, null, Direction.INCREASE, 5)), // never reported
                0,
                0,
                null,
                MIDYEAR);
        assertThat(pace.progressRatio()).isCloseTo(0.75, within(1e-9));
    }

    @Test
    void reachingAValueFromEitherSide() {
        assertThat(PacePolicy.completion(80, 95, 90, Direction.REACH)).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(PacePolicy.completion(80, 95, 95, Direction.REACH)).isEqualTo(1.0);
        assertThat(PacePolicy.completion(80, 95, 100, Direction.REACH)).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(PacePolicy.completion(95, 95, 95, Direction.REACH)).isEqualTo(1.0);
    }

    @Test
    void milestonesThenReportedPercentWhenThereAreNoIndicatorValues() {
        assertThat(assess(List.of(indicator(0, 10, null, Direction.INCREASE, 1)), 1, 4, 90.0, MIDYEAR)
                        .basis())
                .isEqualTo(Pace.Basis.MILESTONES);
        Pace percent = assess(List.of(), 0, 0, 56.0, MIDYEAR);
        assertThat(percent.basis()).isEqualTo(Pace.Basis.REPORTED_PERCENT);
        assertThat(percent.sentence()).isEqualTo("超时间进度6个百分点");
    }

    @Test
    void thresholdsAreInclusiveOfTheirUpperEdge() {
        // t = 0.5 on 2 July; p chosen for lags of 10, 11, 25 and 26 points
        assertThat(assess(List.of(), 0, 0, 40.0, MIDYEAR).warning()).isEqualTo(Warning.GREEN);
        assertThat(assess(List.of(), 0, 0, 39.0, MIDYEAR).warning()).isEqualTo(Warning.YELLOW);
        assertThat(assess(List.of(), 0, 0, 25.0, MIDYEAR).warning()).isEqualTo(Warning.YELLOW);
        assertThat(assess(List.of(), 0, 0, 24.0, MIDYEAR).warning()).isEqualTo(Warning.RED);
    }

    @Test
    void pastTheDeadlineAnOpenItemIsRedEvenWhenAlmostDone() {
        Pace pace = assess(List.of(), 0, 0, 99.0, of(2027, 1, 5));
        assertThat(pace.timeRatio()).isEqualTo(1.0);
        assertThat(pace.overdue()).isTrue();
        assertThat(pace.lagPoints()).isEqualTo(1);
        assertThat(pace.warning()).isEqualTo(Warning.RED);
    }

    @Test
    void aZeroLengthSpanIsAllOrNothing() {
        LocalDate day = of(2026, 5, 8);
        var before =
                policy.assess(new PacePolicy.Facts(day, day, day.minusDays(1), false, List.of(), 0, 0, null, false));
        var on = policy.assess(new PacePolicy.Facts(day, day, day, false, List.of(), 0, 0, null, false));
        assertThat(before.timeRatio()).isZero();
        assertThat(before.warning()).isEqualTo(Warning.GREEN);
        assertThat(on.timeRatio()).isEqualTo(1.0);
        assertThat(on.overdue()).isFalse();
    }

    @Test
    void aClosedItemIsDoneAndAMissingReportIsItsOwnFlag() {
        var closed = policy.assess(new PacePolicy.Facts(START, END, MIDYEAR, true, List.of(), 0, 0, null, true));
        assertThat(closed.progressRatio()).isEqualTo(1.0);
        assertThat(closed.warning()).isEqualTo(Warning.GREEN);
        assertThat(closed.missingReport()).isFalse();
        var silent =
                policy.assess(new PacePolicy.Facts(START, END, of(2026, 1, 10), false, List.of(), 0, 0, null, true));
        assertThat(silent.warning()).isEqualTo(Warning.GREEN);
        assertThat(silent.missingReport()).isTrue();
    }
}
