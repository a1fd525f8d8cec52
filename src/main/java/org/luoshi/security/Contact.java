package org.luoshi.security;

import java.util.Set;

/** How to reach a person: for reminders, which go to a unit's liaisons and are copied to its head. */
public record Contact(long accountId, long unitId, String displayName, String email, Set<Role> roles) {}
