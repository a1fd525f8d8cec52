package org.luoshi.security.web;

import java.util.List;
import org.luoshi.security.Account;
import org.luoshi.security.Role;

record AccountJson(
        long id,
        String username,
        String displayName,
        String title,
        long unitId,
        List<String> roles,
        boolean enabled,
        boolean mustChangePassword) {

    static AccountJson of(Account a) {
        return new AccountJson(
                a.id(),
                a.username(),
                a.displayName(),
                a.title(),
                a.unitId(),
                a.roles().stream().map(Role::name).sorted().toList(),
                a.enabled(),
                a.mustChangePassword());
    }
}
