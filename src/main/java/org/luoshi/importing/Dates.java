package org.luoshi.importing;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Deadlines as offices write them: 2026-06-30, 2026/6/30, 2026.6.30, 2026年6月30日, 6/30/26 (Excel's
 * default date), 2026年6月底, 6月底前, 年底前. A month without a day means its last day.
 */
final class Dates {

    private static final Pattern YMD = Pattern.compile("(\\d{4})[-/.年](\\d{1,2})[-/.月](\\d{1,2})日?.*");
    private static final Pattern YM = Pattern.compile("(\\d{4})[-/.年](\\d{1,2})月?(底|末)?(前|以前|之前)?");
    private static final Pattern MD_Y = Pattern.compile("(\\d{1,2})/(\\d{1,2})/(\\d{2})");
    private static final Pattern M = Pattern.compile("(\\d{1,2})月(底|末)?(前|以前|之前)?");
    private static final Pattern YEAR_END = Pattern.compile("(年底|年末|年内|12月底)(前|以前|之前)?");

    private Dates() {}

    /** The date, or null when the text is not one: the caller names the row and column. */
    static LocalDate parse(String raw, int year) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String t = Column.SPACES
                .matcher(Normalizer.normalize(raw, Normalizer.Form.NFKC))
                .replaceAll("");
        try {
            Matcher m;
            if ((m = YMD.matcher(t)).matches()) {
                return LocalDate.of(
                        Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            }
            if ((m = YM.matcher(t)).matches()) {
                return YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)))
                        .atEndOfMonth();
            }
            if ((m = MD_Y.matcher(t)).matches()) {
                return LocalDate.of(
                        2000 + Integer.parseInt(m.group(3)),
                        Integer.parseInt(m.group(1)),
                        Integer.parseInt(m.group(2)));
            }
            if ((m = M.matcher(t)).matches()) {
                return YearMonth.of(year, Integer.parseInt(m.group(1))).atEndOfMonth();
            }
            if (YEAR_END.matcher(t).matches()) {
                return LocalDate.of(year, 12, 31);
            }
        } catch (java.time.DateTimeException e) {
            return null;
        }
        return null;
    }
}
