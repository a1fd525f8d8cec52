package org.luoshi.security;

import java.util.List;
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
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request == null) {
            return compute(user);
        }
        String key = DataScopes.class.getName() + "." + user.id() + "." + user.unitId() + "." + user.roles();
        if (request.getAttribute(key, RequestAttributes.SCOPE_REQUEST) instanceof UnitScope kept) {
            return kept;
        }
        UnitScope scope = compute(user);
        request.setAttribute(key, scope, RequestAttributes.SCOPE_REQUEST);
        return scope;
    }

    private UnitScope compute(CurrentUser user) {
        if (user.has(Role.SYSTEM_ADMIN) || user.has(Role.SECURITY_ADMIN)) {
            return UnitScope.all();
        }
        if (user.has(Role.AUDIT_ADMIN)) {
            return UnitScope.none();
        }
        UnitQuery.Lineage lineage = units.lineageInForest(user.unitId());
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
