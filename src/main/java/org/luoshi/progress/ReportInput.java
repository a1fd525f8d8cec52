package org.luoshi.progress;

import java.math.BigDecimal;
import java.util.Map;

/** What a unit writes for one item and period; {@code submit} false keeps it as a draft. */
public record ReportInput(
        String period,
        String narrative,
        BigDecimal percentComplete,
        Map<Long, BigDecimal> values,
        String problems,
        String nextSteps,
        boolean submit,
        Integer version) {

    public ReportInput {
        values = values == null ? Map.of() : Map.copyOf(values);
    }
}
