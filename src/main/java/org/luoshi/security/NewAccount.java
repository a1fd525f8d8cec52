package org.luoshi.security;

import java.util.Set;

/** What is needed to open an account; the password is the initial one, to be changed at first login. */
public record NewAccount(
        String username, String displayName, String title, long unitId, Set<Role> roles, String password) {}
