package org.luoshi.importing;

/** A bad cell: the sheet, Excel's row number, the column's header as written, and why. */
public record RowError(String sheet, int row, String column, String reason) {}
