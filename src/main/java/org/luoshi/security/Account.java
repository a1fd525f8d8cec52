package org.luoshi.security;

import java.time.Instant;
import java.util.Set;

/** 账户: a person's login, belonging to one unit and holding roles. */
public record Account(
        long id,
        String username,
        String displayName,
        String title,
        long unitId,
        Set<Role> roles,
        boolean enabled,
        boolean demo,
        boolean mustChangePassword,
        int failedAttempts,
        Instant lockedUntil,
        Instant passwordChangedAt,
        Instant lastLoginAt,
        int version) {

    public boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }

    public boolean isAdministrator() {
        return roles.stream().anyMatch(Role::isAdministrator);
    }
}
