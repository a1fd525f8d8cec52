package org.luoshi.progress;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/** 进展反馈 as stored, with its indicator values by indicator id. */
public record Report(
        long id,
        long itemId,
        long unitId,
        String period,
        LocalDate periodStart,
        LocalDate periodEnd,
        LocalDate dueOn,
        ReportStatus status,
        String narrative,
        BigDecimal percentComplete,
        String problems,
        String nextSteps,
        int revision,
        Instant submittedAt,
        String submittedBy,
        boolean late,
        Instant decidedAt,
        String decidedBy,
        String decisionComment,
        int version,
        Map<Long, BigDecimal> values,
        Map<Long, String> files) {

    public Report withValues(Map<Long, BigDecimal> v, Map<Long, String> f) {
        return new Report(
                id,
                itemId,
                unitId,
                period,
                periodStart,
                periodEnd,
                dueOn,
                status,
                narrative,
                percentComplete,
                problems,
                nextSteps,
                revision,
                submittedAt,
                submittedBy,
                late,
                decidedAt,
                decidedBy,
                decisionComment,
                version,
                v,
                f);
    }
}
