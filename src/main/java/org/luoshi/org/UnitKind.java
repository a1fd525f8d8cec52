package org.luoshi.org;

import java.util.EnumSet;
import java.util.Set;

/** 单位类别. Regions form the administrative levels; departments and enterprises hang off them. */
public enum UnitKind {
    PROVINCE("省", true),
    CITY("市", true),
    COUNTY("区县", true),
    TOWN("乡镇/街道", true),
    VILLAGE("村/社区", true),
    DEPARTMENT("部门", false),
    ENTERPRISE("企事业单位", false);

    private final String label;
    private final boolean region;

    UnitKind(String label, boolean region) {
        this.label = label;
        this.region = region;
    }

    public String label() {
        return label;
    }

    /** A level of government with a jurisdiction of its own. */
    public boolean isRegion() {
        return region;
    }

    /** Which kinds may stand directly under a unit of this kind. */
    public Set<UnitKind> children() {
        return switch (this) {
            case PROVINCE -> EnumSet.of(CITY, DEPARTMENT, ENTERPRISE);
            case CITY -> EnumSet.of(COUNTY, DEPARTMENT, ENTERPRISE);
            case COUNTY -> EnumSet.of(TOWN, DEPARTMENT, ENTERPRISE);
            case TOWN -> EnumSet.of(VILLAGE, DEPARTMENT, ENTERPRISE);
            case VILLAGE -> EnumSet.noneOf(UnitKind.class);
            case DEPARTMENT -> EnumSet.of(DEPARTMENT, ENTERPRISE);
            case ENTERPRISE -> EnumSet.of(ENTERPRISE);
        };
    }

    public boolean allowsChild(UnitKind child) {
        return children().contains(child);
    }
}
