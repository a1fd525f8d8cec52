package org.luoshi.item;

import org.luoshi.org.UnitScope;
import org.luoshi.security.CurrentUser;
import org.luoshi.security.DataScopes;
import org.luoshi.security.Role;
import org.springframework.stereotype.Component;

/**
 * A leader sees the items he leads; a leader who holds no other role sees nothing else. Everyone
 * else sees by unit: his data scope over the lead unit.
 */
@Component
class ItemScopes {

    private final DataScopes scopes;

    ItemScopes(DataScopes scopes) {
        this.scopes = scopes;
    }

    ItemScope of(CurrentUser user) {
        boolean leader = user.has(Role.LEADER);
        UnitScope units = leader && user.roles().size() == 1 ? UnitScope.none() : scopes.of(user);
        return new ItemScope(units, leader ? user.id() : null);
    }
}
