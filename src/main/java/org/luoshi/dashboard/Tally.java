package org.luoshi.dashboard;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a dashboard counts over a set of items: by status and by kind, the figures of a ranking row
 * ({@link #N} … {@link #MISSING}), and items closed and reports first sent per month ("2026-05" to
 * {closed, reports}). Kept as JSON per unit in {@code unit_tally}, so the names, not the enums'
 * order, are what is stored.
 */
record Tally(Map<String, Integer> status, Map<String, Integer> kind, int[] counts, Map<String, int[]> months) {

    static final int N = 0, OPEN = 1, CLOSED = 2, ON_TIME = 3, OVERDUE = 4, GREEN = 5, YELLOW = 6, RED = 7, MISSING = 8;

    /** The grouped query's column for each figure, in the order above. */
    static final String[] COLUMNS = {"n", "open", "closed", "on_time", "overdue", "green", "yellow", "red", "missing"};

    Tally {
        status = new TreeMap<>(status);
        kind = new TreeMap<>(kind);
        counts = java.util.Arrays.copyOf(counts, COLUMNS.length);
        months = new TreeMap<>(months);
    }

    static Tally empty() {
        return new Tally(Map.of(), Map.of(), new int[COLUMNS.length], Map.of());
    }

    int get(int figure) {
        return counts[figure];
    }

    /** Adds another tally's numbers to this one's. */
    Tally add(Tally other) {
        other.status.forEach((k, v) -> status.merge(k, v, Integer::sum));
        other.kind.forEach((k, v) -> kind.merge(k, v, Integer::sum));
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        other.months.forEach((m, v) -> months.merge(m, v.clone(), (a, b) -> new int[] {a[0] + b[0], a[1] + b[1]}));
        return this;
    }

    /** Everything grouped under one status and kind, as the grouped query returns it. */
    void addGroup(String statusName, String kindName, int[] figures) {
        status.merge(statusName, figures[N], Integer::sum);
        kind.merge(kindName, figures[N], Integer::sum);
        for (int i = 0; i < counts.length; i++) {
            counts[i] += figures[i];
        }
    }

    void addMonth(String month, int closed, int reports) {
        months.merge(month, new int[] {closed, reports}, (a, b) -> new int[] {a[0] + b[0], a[1] + b[1]});
    }
}
