package org.luoshi.security;

import java.util.ArrayList;
import java.util.List;
import org.luoshi.org.Unit;
import org.luoshi.org.UnitPath;
import org.luoshi.org.UnitQuery;
import org.luoshi.org.UnitScope;
import org.springframework.stereotype.Component;

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

    public UnitScope of(CurrentUser user) {
        if (user.has(Role.SYSTEM_ADMIN) || user.has(Role.SECURITY_ADMIN)) {
            return UnitScope.all();
        }
        if (user.has(Role.AUDIT_ADMIN)) {
            return UnitScope.none();
        }
        Unit own = units.find(user.unitId(), UnitScope.all()).orElse(null);
        if (own == null) {
            return UnitScope.none();
        }
        List<UnitPath> roots = new ArrayList<>();
        if (user.has(Role.SUPERVISOR)) {
            roots.add(units.jurisdictionOf(own).path());
        } else {
            roots.add(own.path());
        }
        return new UnitScope(false, roots);
    }
}
