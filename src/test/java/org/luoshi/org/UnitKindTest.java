package org.luoshi.org;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnitKindTest {

    @Test
    void followsTheAdministrativeLevels() {
        assertThat(UnitKind.CITY.allowsChild(UnitKind.COUNTY)).isTrue();
        assertThat(UnitKind.COUNTY.allowsChild(UnitKind.TOWN)).isTrue();
        assertThat(UnitKind.TOWN.allowsChild(UnitKind.VILLAGE)).isTrue();
        assertThat(UnitKind.VILLAGE.children()).isEmpty();
    }

    @Test
    void departmentsHangOffAnyRegionButHoldNoRegions() {
        for (UnitKind region : new UnitKind[] {UnitKind.CITY, UnitKind.COUNTY, UnitKind.TOWN}) {
            assertThat(region.allowsChild(UnitKind.DEPARTMENT))
                    .as(region.name())
                    .isTrue();
        }
        assertThat(UnitKind.DEPARTMENT.allowsChild(UnitKind.TOWN)).isFalse();
        assertThat(UnitKind.CITY.allowsChild(UnitKind.VILLAGE)).isFalse();
    }

    @Test
    void onlyRegionsHaveJurisdiction() {
        assertThat(UnitKind.COUNTY.isRegion()).isTrue();
        assertThat(UnitKind.DEPARTMENT.isRegion()).isFalse();
        assertThat(UnitKind.ENTERPRISE.isRegion()).isFalse();
    }
}
