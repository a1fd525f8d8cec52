package org.luoshi.progress;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/** An indicator as the API shows it, figures without trailing zeros. */
public final class IndicatorJson {

    private IndicatorJson() {}

    public static Map<String, Object> of(Indicator i) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("id", i.id());
        j.put("name", i.name());
        j.put("measure", i.measure());
        j.put("baseline", plain(i.baseline()));
        j.put("target", plain(i.target()));
        j.put("direction", i.direction().name());
        j.put("accumulation", i.accumulation().name());
        j.put("weight", plain(i.weight()));
        j.put("current", plain(i.current()));
        j.put("completion", i.completion());
        return j;
    }

    public static BigDecimal plain(BigDecimal v) {
        return v == null ? null : v.stripTrailingZeros().scale() < 0 ? v.setScale(0) : v.stripTrailingZeros();
    }
}
