package org.luoshi.org;

/** What a system administrator enters to create or edit a unit. */
public record UnitCommand(
        String name, String shortName, String code, UnitKind kind, Long parentId, Integer sortOrder) {}
