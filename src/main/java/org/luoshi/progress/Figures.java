package org.luoshi.progress;

import java.math.BigDecimal;
import java.util.Locale;
import org.luoshi.DomainException;

/** Figures as people type them ("3.2", "1,200", " 56 "), with an error naming the field otherwise. */
public final class Figures {

    static final BigDecimal LIMIT = new BigDecimal("1e15");

    private Figures() {}

    public static BigDecimal parse(Object raw, String field, String what) {
        if (raw == null) {
            return null;
        }
        if (raw instanceof Number n) {
            return check(new BigDecimal(n.toString()), field, what, raw);
        }
        String t = raw.toString().strip().replace(",", "").replace("，", "");
        if (t.isEmpty()) {
            return null;
        }
        try {
            return check(new BigDecimal(t), field, what, raw);
        } catch (NumberFormatException e) {
            throw DomainException.invalid("number", field, "{0}须为数字，“{1}”不是数字", what, raw);
        }
    }

    public static <E extends Enum<E>> E enumOf(Class<E> type, Object raw, String field, String what) {
        if (raw == null || raw.toString().isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, raw.toString().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(
                    "enum", field, "{0}“{1}”无效，可选：{2}", what, raw, java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    private static BigDecimal check(BigDecimal v, String field, String what, Object raw) {
        if (v.abs().compareTo(LIMIT) >= 0
                || v.scale() > 4 && v.stripTrailingZeros().scale() > 4) {
            throw DomainException.invalid("number.range", field, "{0}“{1}”超出范围（绝对值小于10^15，至多4位小数）", what, raw);
        }
        return v.stripTrailingZeros().scale() < 0 ? v.setScale(0) : v;
    }
}
