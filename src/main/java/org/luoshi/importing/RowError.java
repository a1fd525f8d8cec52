package org.luoshi.importing;

/**
 * A bad cell: the sheet, Excel's row number, the column's header as written, and why. When the cell
 * names a unit or leader the platform does not know, {@code unmatched} is that name, which a person
 * may map once (名称对照) for every later import.
 */
public record RowError(String sheet, int row, String column, String reason, Unmatched unmatched) {

    public RowError(String sheet, int row, String column, String reason) {
        this(sheet, row, column, reason, null);
    }

    /** A name with nothing behind it, and what it should have named. */
    public record Unmatched(NameMappings.Kind kind, String name) {}
}
