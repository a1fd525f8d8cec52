package org.luoshi.org;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads the tree within a caller's {@link UnitScope}; outside it, a unit does not exist. */
@Component
public class UnitQuery {

    private final JdbcClient jdbc;

    UnitQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Unit> find(long id, UnitScope scope) {
        return jdbc.sql("SELECT " + UnitRepository.COLUMNS + " FROM unit u WHERE u.id = :id AND " + within(scope))
                .param("id", id)
                .params(scopeParams(scope))
                .query(UnitRepository.MAPPER)
                .optional();
    }

    public Unit get(long id, UnitScope scope) {
        return find(id, scope).orElseThrow(UnitService::notFound);
    }

    public Optional<Unit> findByCode(String code) {
        return jdbc.sql("SELECT " + UnitRepository.COLUMNS + " FROM unit u WHERE u.code = :code")
                .param("code", code)
                .query(UnitRepository.MAPPER)
                .optional();
    }

    /** Units whose name, short name or code contains {@code q}, shallowest first. */
    public List<Unit> search(String q, UnitScope scope, int limit) {
        String term = q == null ? "" : q.strip();
        return jdbc.sql("SELECT " + UnitRepository.COLUMNS + " FROM unit u WHERE " + within(scope) + """
                         AND (:q = '' OR strpos(u.name, :q) > 0 OR strpos(u.short_name, :q) > 0
                              OR starts_with(u.code, :q))
                       ORDER BY u.depth, u.sort_order, u.id
                       LIMIT :limit
                        """)
                .params(scopeParams(scope))
                .param("q", term)
                .param("limit", limit)
                .query(UnitRepository.MAPPER)
                .list();
    }

    /** The direct children of a unit, or the top of the scope when {@code parentId} is null. */
    public List<Unit> children(Long parentId, UnitScope scope) {
        if (parentId == null) {
            return tops(scope);
        }
        return jdbc.sql("SELECT " + UnitRepository.COLUMNS + " FROM unit u WHERE u.parent_id = :p AND " + within(scope)
                        + " ORDER BY u.sort_order, u.id")
                .param("p", parentId)
                .params(scopeParams(scope))
                .query(UnitRepository.MAPPER)
                .list();
    }

    /** Number of direct children per unit, for tree toggles. */
    public java.util.Map<Long, Long> childCounts(List<Long> ids) {
        if (ids.isEmpty()) {
            return java.util.Map.of();
        }
        var counts = new java.util.HashMap<Long, Long>();
        jdbc.sql("SELECT parent_id, count(*) FROM unit WHERE parent_id = ANY(:ids) GROUP BY parent_id")
                .param("ids", ids.toArray(Long[]::new))
                .query(rs -> {
                    counts.put(rs.getLong(1), rs.getLong(2));
                });
        return counts;
    }

    /** Names by id, for lists that show a unit beside each row. */
    public java.util.Map<Long, String> names(java.util.Collection<Long> ids) {
        if (ids.isEmpty()) {
            return java.util.Map.of();
        }
        var names = new java.util.HashMap<Long, String>();
        jdbc.sql("SELECT id, name FROM unit WHERE id = ANY(:ids)")
                .param("ids", ids.toArray(Long[]::new))
                .query(rs -> {
                    names.put(rs.getLong(1), rs.getString(2));
                });
        return names;
    }

    /** How many units of each kind the scope holds. */
    public java.util.Map<UnitKind, Long> countByKind(UnitScope scope) {
        var counts = new java.util.EnumMap<UnitKind, Long>(UnitKind.class);
        jdbc.sql("SELECT u.kind, count(*) FROM unit u WHERE " + within(scope) + " GROUP BY u.kind")
                .params(scopeParams(scope))
                .query(rs -> {
                    counts.put(UnitKind.valueOf(rs.getString(1)), rs.getLong(2));
                });
        return counts;
    }

    /** The chain from the root down to the unit itself, for breadcrumbs. */
    public List<Unit> lineage(Unit unit) {
        return lineage(unit.id());
    }

    /** The units of these ids that exist, whatever the scope (the caller judges it by path). */
    public List<Unit> byIds(java.util.Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + UnitRepository.COLUMNS + " FROM unit u WHERE u.id = ANY(:ids)")
                .param("ids", ids.toArray(Long[]::new))
                .query(UnitRepository.MAPPER)
                .list();
    }

    /** A unit and every unit above it, root first, in one query; empty for an unknown id. */
    public List<Unit> lineage(long unitId) {
        return lineageInForest(unitId).chain();
    }

    /** 辖区: the nearest region at or above the unit (a 市直部门's jurisdiction is the 市). */
    public Unit jurisdictionOf(Unit unit) {
        return jurisdictionIn(lineage(unit));
    }

    /** A unit's lineage, root first, and whether its root is the only root there is. */
    public record Lineage(List<Unit> chain, boolean soleTree) {}

    /**
     * The lineage and whether its root tops the only tree, in one round trip: every request works
     * out its account's data scope from both.
     */
    public Lineage lineageInForest(long unitId) {
        boolean[] sole = {false};
        List<Unit> chain = jdbc.sql("SELECT " + UnitRepository.COLUMNS
                        + ", (SELECT count(*) FROM unit r WHERE r.parent_id IS NULL) = 1 AS sole_tree"
                        + " FROM unit u WHERE u.id = ANY(SELECT"
                        + " CAST(unnest(string_to_array(btrim(o.path, '/'), '/')) AS bigint) FROM unit o WHERE o.id = :id)"
                        + " ORDER BY u.depth")
                .param("id", unitId)
                .query((rs, n) -> {
                    sole[0] = rs.getBoolean("sole_tree");
                    return UnitRepository.MAPPER.mapRow(rs, n);
                })
                .list();
        return new Lineage(chain, sole[0]);
    }

    /** The nearest region in a lineage (root first), or its root if none is a region. */
    public static Unit jurisdictionIn(List<Unit> chain) {
        for (int i = chain.size() - 1; i >= 0; i--) {
            if (chain.get(i).kind().isRegion()) {
                return chain.get(i);
            }
        }
        return chain.getFirst();
    }

    private List<Unit> tops(UnitScope scope) {
        if (scope.everything()) {
            return jdbc.sql("SELECT " + UnitRepository.COLUMNS
                            + " FROM unit u WHERE u.parent_id IS NULL ORDER BY u.sort_order, u.id")
                    .query(UnitRepository.MAPPER)
                    .list();
        }
        List<Unit> tops = new ArrayList<>();
        for (UnitPath root : scope.subtrees()) {
            jdbc.sql("SELECT " + UnitRepository.COLUMNS + " FROM unit u WHERE u.path = :p")
                    .param("p", root.value())
                    .query(UnitRepository.MAPPER)
                    .optional()
                    .ifPresent(tops::add);
        }
        return tops;
    }

    static String within(UnitScope scope) {
        return scope.sqlOn("u.path", "scope");
    }

    static java.util.Map<String, Object> scopeParams(UnitScope scope) {
        return scope.sqlParams("scope");
    }
}
