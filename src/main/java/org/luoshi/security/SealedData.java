package org.luoshi.security;

import java.util.function.UnaryOperator;

/** A module's values sealed by {@link PersonalData}: re-sealed in place when the key is rotated. */
public interface SealedData {

    /** Passes every sealed value through {@code reseal} and writes back what it returns; how many. */
    int reseal(UnaryOperator<byte[]> reseal);
}
