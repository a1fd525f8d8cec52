package org.luoshi.assessment;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** 考核方案: for a jurisdiction's units and a span, the weighted criteria, the credits and the grades. */
public record Scheme(
        long id,
        long unitId,
        String unitPath,
        String name,
        LocalDate from,
        LocalDate to,
        int scale,
        Group group,
        BigDecimal leadCredit,
        BigDecimal coCredit,
        List<Weight> weights,
        List<Grade> grades,
        Stage stage,
        LocalDate appealUntil,
        String createdBy,
        Instant publishedAt,
        int version) {

    /** Which of the units directly under the jurisdiction are assessed: bulletins and schemes keep regions apart from departments. */
    public enum Group {
        ALL("全部直属单位"),
        REGIONS("下级地区（区县、乡镇街道）"),
        DEPARTMENTS("部门和单位");

        private final String label;

        Group(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public boolean includes(org.luoshi.org.Unit unit) {
            return switch (this) {
                case ALL -> true;
                case REGIONS -> unit.kind().isRegion();
                case DEPARTMENTS -> !unit.kind().isRegion();
            };
        }
    }

    /** Points a criterion is worth out of the scale. */
    public record Weight(Criterion criterion, BigDecimal points) {}

    /**
     * A grade: at most {@code maxShare} of the units (null for the last grade, which takes the
     * rest), and only from {@code minScore} up when one is set.
     */
    public record Grade(String name, BigDecimal maxShare, BigDecimal minScore) {}

    /** 草稿 → 公示 (units read their derivation and may appeal) → 发布 (locked). */
    public enum Stage {
        DRAFT("草稿"),
        PUBLICIZED("公示中"),
        PUBLISHED("已发布");

        private final String label;

        Stage(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Whether the scheme assesses the unit: enabled, directly under the jurisdiction, of its group. */
    public boolean assesses(org.luoshi.org.Unit unit) {
        return unit.enabled() && unit.parentId() != null && unit.parentId() == unitId && group.includes(unit);
    }

    public boolean locked() {
        return stage == Stage.PUBLISHED;
    }
}
