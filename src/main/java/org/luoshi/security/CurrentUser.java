package org.luoshi.security;

import java.io.Serial;
import java.io.Serializable;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.AuthenticatedPrincipal;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** The signed-in account as kept in the (database-stored) session. */
public record CurrentUser(
        long id, String username, String displayName, long unitId, Set<Role> roles, boolean passwordChangeDue)
        implements AuthenticatedPrincipal, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    public CurrentUser {
        roles = roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
    }

    public static CurrentUser of(Account a, boolean passwordChangeDue) {
        return new CurrentUser(a.id(), a.username(), a.displayName(), a.unitId(), a.roles(), passwordChangeDue);
    }

    @Override
    public String getName() {
        return username;
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean isAdministrator() {
        return roles.stream().anyMatch(Role::isAdministrator);
    }

    public List<GrantedAuthority> authorities() {
        return roles.stream()
                .<GrantedAuthority>map(r -> new SimpleGrantedAuthority(r.authority()))
                .toList();
    }

    public CurrentUser withPasswordChanged() {
        return new CurrentUser(id, username, displayName, unitId, roles, false);
    }
}
