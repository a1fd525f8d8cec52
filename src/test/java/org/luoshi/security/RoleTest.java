package org.luoshi.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoleTest {

    @Test
    void businessRolesCombine() {
        assertThat(Role.conflictIn(EnumSet.of(Role.LIAISON, Role.UNIT_HEAD))).isNull();
        assertThat(Role.conflictIn(EnumSet.of(Role.SUPERVISOR, Role.LEADER))).isNull();
    }

    @Test
    void eachAdministratorStandsAlone() {
        for (Role admin : Role.ADMINISTRATORS) {
            assertThat(Role.conflictIn(Set.of(admin))).as(admin.name()).isNull();
            for (Role other : Role.values()) {
                if (other != admin) {
                    assertThat(Role.conflictIn(EnumSet.of(admin, other)))
                            .as(admin + " with " + other)
                            .contains("三员分立");
                }
            }
        }
    }

    @Test
    void anAccountNeedsARole() {
        assertThat(Role.conflictIn(EnumSet.noneOf(Role.class))).isNotNull();
    }
}
