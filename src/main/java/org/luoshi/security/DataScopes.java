package org.luoshi.security;

import java.util.List;
import java.util.function.Supplier;
import org.luoshi.org.Unit;
import org.luoshi.org.UnitQuery;
import org.luoshi.org.UnitScope;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * 数据范围 by role: a supervisor sees the whole jurisdiction (the nearest region above the unit),
 * other business roles their own unit's subtree, the system and security administrators the whole
 * tree they maintain, the audit administrator no unit data.
 */
@Component
public class DataScopes {

    private final UnitQuery units;

    DataScopes(UnitQuery units) {
        this.units = units;
    }

    /** The account's scope, worked out once per web request (a page asks for it several times). */
    public UnitScope of(CurrentUser user) {
        return perRequest(
                DataScopes.class.getName() + "." + user.id() + "." + user.unitId() + "." + user.roles(),
                UnitScope.class,
                () -> compute(user));
    }

    /**
     * The account's unit and every unit above it, root first, read once per web request: the scope
     * is worked out from it, and a page that opens on the account's jurisdiction needs it again.
     */
    public List<Unit> lineage(CurrentUser user) {
        return lineageInForest(user).chain();
    }

    private UnitQuery.Lineage lineageInForest(CurrentUser user) {
        return perRequest(
                DataScopes.class.getName() + ".lineage." + user.unitId(),
                UnitQuery.Lineage.class,
                () -> units.lineageInForest(user.unitId()));
    }

    private static <T> T perRequest(String key, Class<T> type, Supplier<T> compute) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request == null) {
            return compute.get();
        }
        Object kept = request.getAttribute(key, RequestAttributes.SCOPE_REQUEST);
        if (type.isInstance(kept)) {
            return type.cast(kept);
        }
        T value = compute.get();
        request.setAttribute(key, value, RequestAttributes.SCOPE_REQUEST);
        return value;
    }

    private UnitScope compute(CurrentUser user) {
        if (user.has(Role.SYSTEM_ADMIN) || user.has(Role.SECURITY_ADMIN)) {
            return UnitScope.all();
        }
        if (user.has(Role.AUDIT_ADMIN)) {
            return UnitScope.none();
        }
        UnitQuery.Lineage lineage = lineageInForest(user);
        List<Unit> chain = lineage.chain();
        if (chain.isEmpty()) {
            return UnitScope.none();
        }
        Unit top = user.has(Role.SUPERVISOR) ? UnitQuery.jurisdictionIn(chain) : chain.getLast();
        if (top.parentId() == null && lineage.soleTree()) {
            // the whole tree: said as such, a query needs no test per row (nor per co-unit) for it
            return UnitScope.all();
        }
        return new UnitScope(false, List.of(top.path()));
    }
}
