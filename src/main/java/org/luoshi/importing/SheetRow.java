package org.luoshi.importing;

import java.util.List;

/** One row of a sheet as text, with Excel's own 1-based row number. */
public record SheetRow(String sheet, int number, List<String> cells) {

    public String cell(int column) {
        return column < 0 || column >= cells.size() || cells.get(column) == null
                ? ""
                : cells.get(column).strip();
    }

    public boolean blank() {
        return cells.stream().allMatch(c -> c == null || c.isBlank());
    }
}
