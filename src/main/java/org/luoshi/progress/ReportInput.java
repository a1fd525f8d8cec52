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
        Integer version,
        java.util.List<Long> fileIds) {

    public ReportInput {
        values = values == null ? Map.of() : Map.copyOf(values);
        fileIds = fileIds == null ? java.util.List.of() : java.util.List.copyOf(fileIds);
    }

    /** Without files. */
    public ReportInput(
            String period,
            String narrative,
            BigDecimal percentComplete,
            Map<Long, BigDecimal> values,
            String problems,
            String nextSteps,
            boolean submit,
            Integer version) {
        this(period, narrative, percentComplete, values, problems, nextSteps, submit, version, null);
    }

    public ReportInput withMoreFiles(java.util.List<Long> more) {
        var all = new java.util.ArrayList<>(fileIds);
        all.addAll(more);
        return new ReportInput(period, narrative, percentComplete, values, problems, nextSteps, submit, version, all);
    }
}
