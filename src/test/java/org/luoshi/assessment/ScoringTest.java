package org.luoshi.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.luoshi.assessment.Scoring.Measure;
import org.luoshi.assessment.Scoring.UnitScore;

class ScoringTest {

    private static final List<Scheme.Weight> USUAL =
            AssessmentService.usual(1, "方案", null, null, 100).weights();
    private static final List<Scheme.Grade> QUOTA =
            AssessmentService.usual(1, "方案", null, null, 100).grades();

    private static Map<Criterion, Measure> all(
            double closure, double reports, double indicators, double rating, double citizen) {
        Map<Criterion, Measure> m = new EnumMap<>(Criterion.class);
        m.put(Criterion.ON_TIME_CLOSURE, new Measure(closure, 100, ""));
        m.put(Criterion.REPORT_PUNCTUALITY, new Measure(reports, 100, ""));
        m.put(Criterion.INDICATOR_COMPLETION, new Measure(indicators, 100, ""));
        m.put(Criterion.CLOSURE_RATING, new Measure(rating, 100, ""));
        m.put(Criterion.CITIZEN_SATISFACTION, new Measure(citizen, 100, ""));
        return m;
    }

    private static Scoring.Input unit(long id, Map<Criterion, Measure> m, Scoring.Bonus... bonuses) {
        return new Scoring.Input(id, "单位" + id, m, List.of(bonuses));
    }

    private static BigDecimal points(UnitScore s, Criterion c) {
        return s.lines().stream()
                .filter(l -> l.key().equals(c.name()))
                .findFirst()
                .orElseThrow()
                .points();
    }

    @Test
    void eachCriterionIsItsRateTimesItsPoints() {
        UnitScore s = Scoring.score(100, USUAL, QUOTA, List.of(unit(1, all(90, 80, 50, 100, 60))))
                .getFirst();
        assertThat(points(s, Criterion.ON_TIME_CLOSURE)).isEqualByComparingTo("27"); // 90% of 30
        assertThat(points(s, Criterion.REPORT_PUNCTUALITY)).isEqualByComparingTo("16"); // 80% of 20
        assertThat(points(s, Criterion.INDICATOR_COMPLETION)).isEqualByComparingTo("10"); // 50% of 20
        assertThat(points(s, Criterion.CLOSURE_RATING)).isEqualByComparingTo("15"); // 100% of 15
        assertThat(points(s, Criterion.CITIZEN_SATISFACTION)).isEqualByComparingTo("9"); // 60% of 15
        assertThat(s.total()).isEqualByComparingTo("77");
    }

    @Test
    void weightedCountsGiveCoHandlersTheirCredit() {
        // led: 2 items, 1 on time (1.0 each); co-handled: 1 on time (0.9): (1 + 0.9) / (2 + 0.9)
        Measure m = new Measure(1 + 0.9, 2 + 0.9, "");
        assertThat(m.rate()).isCloseTo(65.517, org.assertj.core.data.Offset.offset(0.001));
        assertThat(new Measure(0, 0, "").rate()).isNull();
        assertThat(new Measure(3, 2, "").rate())
                .as("indicator over-completion counts as full")
                .isEqualTo(100.0);
    }

    @Test
    void aCriterionWithoutDataIsLeftOutAndTheRestRescaled() {
        Map<Criterion, Measure> m = all(100, 0, 50, 80, 0);
        m.put(Criterion.REPORT_PUNCTUALITY, new Measure(0, 0, ""));
        m.put(Criterion.CITIZEN_SATISFACTION, new Measure(0, 0, ""));
        UnitScore s = Scoring.score(100, USUAL, QUOTA, List.of(unit(1, m))).getFirst();
        // measurable: 30 + 20 + 15 = 65 of 100; earned 30 + 10 + 12 = 52; rescaled 52 × 100/65 = 80
        assertThat(s.total()).isEqualByComparingTo("80");
        assertThat(points(s, Criterion.REPORT_PUNCTUALITY)).isNull();
        assertThat(s.lines().stream()
                        .filter(l -> l.key().equals("REPORT_PUNCTUALITY"))
                        .findFirst()
                        .orElseThrow()
                        .detail())
                .contains("本期无此项");
    }

    @Test
    void bonusesAndDeductionsAddUpWithinTheScale() {
        var plus = new Scoring.Bonus(1, new BigDecimal("5"), "获省级表彰", "省政府通报〔2026〕3号");
        var minus = new Scoring.Bonus(2, new BigDecimal("-2.5"), "迟报", "督查通报第2期");
        UnitScore s = Scoring.score(100, USUAL, QUOTA, List.of(unit(1, all(90, 80, 50, 100, 60), plus, minus)))
                .getFirst();
        assertThat(s.total()).isEqualByComparingTo("79.5");
        assertThat(s.lines()).extracting(Scoring.Line::label).contains("加分", "减分");
        UnitScore capped = Scoring.score(100, USUAL, QUOTA, List.of(unit(1, all(100, 100, 100, 100, 100), plus)))
                .getFirst();
        assertThat(capped.total()).isEqualByComparingTo("100");
        List<Scheme.Weight> thousand =
                AssessmentService.usual(1, "方案", null, null, 1000).weights();
        assertThat(Scoring.score(1000, thousand, QUOTA, List.of(unit(1, all(90, 80, 50, 100, 60))))
                        .getFirst()
                        .total())
                .isEqualByComparingTo("770");
    }

    /** Units whose only measure is on-time closure at these rates. */
    private static List<Scoring.Input> closures(double... rates) {
        List<Scoring.Input> in = new ArrayList<>();
        for (int i = 0; i < rates.length; i++) {
            Map<Criterion, Measure> m = new EnumMap<>(Criterion.class);
            m.put(Criterion.ON_TIME_CLOSURE, new Measure(rates[i], 100, ""));
            in.add(unit(i + 1, m));
        }
        return in;
    }

    @Test
    void gradesHonourTheQuotaBestFirst() {
        // ten units, 优秀 at most 20% (2), 良好 at most 40% (4), 一般 the rest
        List<UnitScore> s = Scoring.score(100, USUAL, QUOTA, closures(99, 98, 97, 96, 95, 94, 93, 92, 91, 90));
        assertThat(s)
                .extracting(UnitScore::grade)
                .containsExactly("优秀", "优秀", "良好", "良好", "良好", "良好", "一般", "一般", "一般", "一般");
        assertThat(s).extracting(UnitScore::rank).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    }

    @Test
    void aTieAcrossTheQuotaEdgeDropsTheTiedUnitsTogether() {
        // the 2nd and 3rd tie: giving both 优秀 would exceed 20%, so neither gets it
        List<UnitScore> s = Scoring.score(100, USUAL, QUOTA, closures(99, 95, 95, 90, 89, 88, 87, 86, 85, 84));
        assertThat(s).extracting(UnitScore::rank).containsExactly(1, 2, 2, 4, 5, 6, 7, 8, 9, 10);
        assertThat(s.get(1).tied()).isTrue();
        assertThat(s)
                .extracting(UnitScore::grade)
                .containsExactly("优秀", "良好", "良好", "良好", "良好", "一般", "一般", "一般", "一般", "一般");
    }

    @Test
    void fewerUnitsThanTheQuotaNeedsGivesNoneTheTopGrade() {
        // three units: 20% of 3 is 0.6, and "at most 20%" means nobody is 优秀; 40% of 3 allows one 良好
        List<UnitScore> s = Scoring.score(100, USUAL, QUOTA, closures(100, 90, 80));
        assertThat(s).extracting(UnitScore::grade).containsExactly("良好", "一般", "一般");
        assertThat(Scoring.score(100, USUAL, QUOTA, List.of())).isEmpty();
    }

    @Test
    void aUnitWithNothingToMeasureIsNotRankedNorCountedInTheQuota() {
        List<Scoring.Input> in = new ArrayList<>(closures(99, 98, 97, 96, 95));
        in.add(unit(9, Map.of()));
        List<UnitScore> s = Scoring.score(100, USUAL, QUOTA, in);
        // five assessed: 20% of 5 is one 优秀, 40% two 良好
        assertThat(s).extracting(UnitScore::grade).containsExactly("优秀", "良好", "良好", "一般", "一般", Scoring.NOT_ASSESSED);
        assertThat(s.getLast().rank()).isZero();
        var withBonus = new ArrayList<>(closures(90));
        withBonus.add(unit(9, Map.of(), new Scoring.Bonus(1, new BigDecimal("3"), "表彰", "文件")));
        assertThat(Scoring.score(100, USUAL, QUOTA, withBonus).getLast().grade())
                .isNotEqualTo(Scoring.NOT_ASSESSED);
    }

    @Test
    void aMinimumScoreKeepsAGradeEmptyEvenWithinItsQuota() {
        List<Scheme.Grade> strict = List.of(
                new Scheme.Grade("优秀", new BigDecimal("0.5"), new BigDecimal("95")),
                new Scheme.Grade("合格", null, null));
        List<UnitScore> s = Scoring.score(100, USUAL, strict, closures(96, 94, 93, 50));
        assertThat(s).extracting(UnitScore::grade).containsExactly("优秀", "合格", "合格", "合格");
    }
}
