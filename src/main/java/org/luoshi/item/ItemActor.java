package org.luoshi.item;

import org.luoshi.security.CurrentUser;
import org.luoshi.security.Role;

/**
 * Who is acting on an item, and how he stands to it: a supervisor whose jurisdiction holds the
 * item, or a liaison or head of the lead unit itself.
 */
public record ItemActor(CurrentUser user, boolean supervises, boolean ofLeadUnit) {

    public String username() {
        return user.username();
    }

    boolean isSupervisor() {
        return supervises && user.has(Role.SUPERVISOR);
    }

    boolean actsForLeadUnit() {
        return ofLeadUnit && (user.has(Role.LIAISON) || user.has(Role.UNIT_HEAD));
    }
}
