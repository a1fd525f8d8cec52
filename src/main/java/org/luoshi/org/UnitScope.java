package org.luoshi.org;

import java.util.List;

/**
 * 数据范围: the subtrees an account may see. Queries take it as bound parameters; nobody splices it
 * into SQL text. {@link #all()} is for the administrators who maintain the tree itself.
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

    String[] lowerBounds() {
        return subtrees.stream().map(UnitPath::value).toArray(String[]::new);
    }

    String[] upperBounds() {
        return subtrees.stream().map(UnitPath::upperBound).toArray(String[]::new);
    }
}
