package org.luoshi.org.web;

import org.luoshi.org.Unit;

/** A unit on the API. */
record UnitJson(
        long id, String code, String name, String shortName, String kind, Long parentId, boolean enabled, int version) {

    static UnitJson of(Unit u) {
        return new UnitJson(
                u.id(), u.code(), u.name(), u.shortName(), u.kind().name(), u.parentId(), u.enabled(), u.version());
    }
}
