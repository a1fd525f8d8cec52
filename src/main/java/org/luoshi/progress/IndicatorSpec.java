package org.luoshi.progress;

import java.math.BigDecimal;

/** An indicator as entered; {@code id} names an existing one being edited. */
public record IndicatorSpec(
        Long id,
        String name,
        String measure,
        BigDecimal baseline,
        BigDecimal target,
        Direction direction,
        Accumulation accumulation,
        BigDecimal weight) {}
