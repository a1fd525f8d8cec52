package org.luoshi.dashboard;

import java.util.Arrays;
import org.luoshi.item.ItemKind;
import org.luoshi.item.ItemStatus;

/**
 * What a dashboard counts over a set of items: by status and by kind, the figures of a ranking row
 * ({@link #N} … {@link #MISSING}), and items closed and reports first sent in each of the last
 * {@link #MONTHS} months (the oldest first). Kept per unit in {@code unit_tally} as a line of
 * numbers: a province's dashboard reads fifty of them per request, and parsing JSON for that was a
 * quarter of its time.
 */
final class Tally {

    static final int N = 0, OPEN = 1, CLOSED = 2, ON_TIME = 3, OVERDUE = 4, GREEN = 5, YELLOW = 6, RED = 7, MISSING = 8;

    /** The grouped query's column for each figure, in the order above. */
    static final String[] COLUMNS = {"n", "open", "closed", "on_time", "overdue", "green", "yellow", "red", "missing"};

    static final int MONTHS = 6;

    private static final ItemStatus[] STATUSES = ItemStatus.values();
    private static final ItemKind[] KINDS = ItemKind.values();
    private static final int KIND = STATUSES.length;
    private static final int FIGURE = KIND + KINDS.length;
    private static final int MONTH = FIGURE + COLUMNS.length;
    private static final int SIZE = MONTH + 2 * MONTHS;

    /** What the stored line's meaning depends on: a row kept under another layout is not current. */
    static final String LAYOUT = Integer.toHexString(
            (Arrays.toString(STATUSES) + Arrays.toString(KINDS) + COLUMNS.length + "/" + MONTHS).hashCode());

    private final int[] values;

    private Tally(int[] values) {
        this.values = values;
    }

    static Tally empty() {
        return new Tally(new int[SIZE]);
    }

    int get(int figure) {
        return values[FIGURE + figure];
    }

    int status(ItemStatus s) {
        return values[s.ordinal()];
    }

    int kind(ItemKind k) {
        return values[KIND + k.ordinal()];
    }

    /** Items closed in the month {@code index} (0 the oldest of the last {@link #MONTHS}). */
    int closedIn(int index) {
        return values[MONTH + 2 * index];
    }

    int reportsIn(int index) {
        return values[MONTH + 2 * index + 1];
    }

    /** Adds another tally's numbers to this one's. */
    Tally add(Tally other) {
        for (int i = 0; i < SIZE; i++) {
            values[i] += other.values[i];
        }
        return this;
    }

    /** Everything grouped under one status and kind, as the grouped query returns it. */
    void addGroup(ItemStatus status, ItemKind kind, int[] figures) {
        values[status.ordinal()] += figures[N];
        values[KIND + kind.ordinal()] += figures[N];
        for (int i = 0; i < COLUMNS.length; i++) {
            values[FIGURE + i] += figures[i];
        }
    }

    void addMonth(int index, int closed, int reports) {
        if (index >= 0 && index < MONTHS) {
            values[MONTH + 2 * index] += closed;
            values[MONTH + 2 * index + 1] += reports;
        }
    }

    /** The numbers as one line, "3,0,12,…". */
    String encode() {
        StringBuilder line = new StringBuilder(SIZE * 3);
        for (int i = 0; i < SIZE; i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(values[i]);
        }
        return line.toString();
    }

    static Tally decode(String line) {
        int[] values = new int[SIZE];
        int at = 0;
        int n = 0;
        boolean digits = false;
        for (int i = 0; i <= line.length(); i++) {
            char c = i < line.length() ? line.charAt(i) : ',';
            if (c == ',') {
                if (!digits || at == SIZE) {
                    throw new IllegalArgumentException("not a tally of " + SIZE + " numbers: " + line);
                }
                values[at++] = n;
                n = 0;
                digits = false;
            } else if (c >= '0' && c <= '9') {
                n = n * 10 + (c - '0');
                digits = true;
            } else {
                throw new IllegalArgumentException("not a tally: " + line);
            }
        }
        if (at != SIZE) {
            throw new IllegalArgumentException("not a tally of " + SIZE + " numbers: " + line);
        }
        return new Tally(values);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tally t && Arrays.equals(values, t.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return encode();
    }
}
