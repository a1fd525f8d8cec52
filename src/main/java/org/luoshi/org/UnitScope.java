package org.luoshi.org;

import java.util.List;

/**
 * 数据范围: the subtrees an account may see. Queries take it as bound parameters; nobody splices it
 * into SQL text. {@link #all()} is every tree: the administrators who maintain them, and anyone
 * whose subtree is the only tree there is.
 */
public record UnitScope(boolean everything, List<UnitPath> subtrees) {

    public UnitScope {
        subtrees = List.copyOf(subtrees);
    }

    public static UnitScope all() {
        return new UnitScope(true, List.of());
    }

    public static UnitScope none() {
        return new UnitScope(false, List.of());
    }

    public static UnitScope of(UnitPath... roots) {
        return new UnitScope(false, List.of(roots));
    }

    public boolean covers(UnitPath path) {
        return everything || subtrees.stream().anyMatch(root -> root.contains(path));
    }

    /**
     * The scope as an SQL condition on a path column: one half-open range per subtree, each bound
     * as a named parameter ({@code prefix}Lo0, {@code prefix}Hi0…). Only the number of subtrees
     * shapes the text, never a value.
     */
    public String sqlOn(String column, String prefix) {
        if (everything) {
            return "TRUE";
        }
        if (subtrees.isEmpty()) {
            return "FALSE";
        }
        StringBuilder sql = new StringBuilder("(");
        for (int i = 0; i < subtrees.size(); i++) {
            if (i > 0) {
                sql.append(" OR ");
            }
            sql.append('(')
                    .append(column)
                    .append(" >= :")
                    .append(prefix)
                    .append("Lo")
                    .append(i)
                    .append(" AND ")
                    .append(column)
                    .append(" < :")
                    .append(prefix)
                    .append("Hi")
                    .append(i)
                    .append(')');
        }
        return sql.append(')').toString();
    }

    /** The parameters for {@link #sqlOn}. */
    public java.util.Map<String, Object> sqlParams(String prefix) {
        var params = new java.util.HashMap<String, Object>();
        for (int i = 0; i < subtrees.size(); i++) {
            params.put(prefix + "Lo" + i, subtrees.get(i).value());
            params.put(prefix + "Hi" + i, subtrees.get(i).upperBound());
        }
        return params;
    }
}
