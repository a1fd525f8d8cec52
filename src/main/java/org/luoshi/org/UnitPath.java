package org.luoshi.org;

/**
 * A unit's place in the tree as "/1/7/42/". A subtree is the half-open range [path, upper), which a
 * plain B-tree index in C collation serves with a bound parameter.
 */
public record UnitPath(String value) {

    public UnitPath {
        if (value == null || !value.startsWith("/") || !value.endsWith("/")) {
            throw new IllegalArgumentException("not a unit path: " + value);
        }
    }

    public static UnitPath root(long id) {
        return new UnitPath("/" + id + "/");
    }

    public UnitPath child(long id) {
        return new UnitPath(value + id + "/");
    }

    /** The first string after every path in this subtree: '/' + 1 is '0'. */
    public String upperBound() {
        return value.substring(0, value.length() - 1) + "0";
    }

    public boolean contains(UnitPath other) {
        return other.value.startsWith(value);
    }

    public int depth() {
        return (int) value.chars().filter(c -> c == '/').count() - 1;
    }
}
