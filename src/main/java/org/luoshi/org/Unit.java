package org.luoshi.org;

import java.time.Instant;

/** 单位: a node of the organisation tree. */
public record Unit(
        long id,
        Long parentId,
        String code,
        String name,
        String shortName,
        UnitKind kind,
        UnitPath path,
        int sortOrder,
        boolean enabled,
        int version,
        Instant createdAt) {

    public String displayName() {
        return shortName == null || shortName.isBlank() ? name : shortName;
    }

    public int depth() {
        return path.depth();
    }
}
