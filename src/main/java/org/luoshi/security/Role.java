package org.luoshi.security;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/**
 * Business roles combine freely; each of the three administrators (三员) stands alone, excluding the
 * other two and every business role.
 */
public enum Role {
    SUPERVISOR("督查员", false),
    LEADER("领导", false),
    LIAISON("联络员", false),
    UNIT_HEAD("单位负责人", false),
    SYSTEM_ADMIN("系统管理员", true),
    SECURITY_ADMIN("安全管理员", true),
    AUDIT_ADMIN("审计管理员", true);

    public static final Set<Role> BUSINESS = EnumSet.of(SUPERVISOR, LEADER, LIAISON, UNIT_HEAD);
    public static final Set<Role> ADMINISTRATORS = EnumSet.of(SYSTEM_ADMIN, SECURITY_ADMIN, AUDIT_ADMIN);

    private final String label;
    private final boolean administrator;

    Role(String label, boolean administrator) {
        this.label = label;
        this.administrator = administrator;
    }

    public String label() {
        return label;
    }

    public boolean isAdministrator() {
        return administrator;
    }

    public String authority() {
        return "ROLE_" + name();
    }

    /** Null when the combination is allowed, else why not (in Chinese). */
    public static String conflictIn(Collection<Role> roles) {
        if (roles.isEmpty()) {
            return "至少分配一个角色";
        }
        long admins = roles.stream().filter(Role::isAdministrator).count();
        if (admins > 0 && roles.size() > 1) {
            return "三员分立：系统管理员、安全管理员、审计管理员只能单独授予，不能相互兼任，也不能兼任业务角色";
        }
        return null;
    }
}
