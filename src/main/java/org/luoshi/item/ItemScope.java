package org.luoshi.item;

import java.util.HashMap;
import java.util.Map;
import org.luoshi.org.UnitScope;

/** Which items an account sees: those whose lead unit lies in its unit scope, or that it leads. */
record ItemScope(UnitScope units, Long leaderId) {

    /** Lead unit in scope, or a co-unit (协办) in scope, or led by the leader. */
    String sql() {
        String byUnit = units.sqlOn("i.lead_unit_path", "scope");
        if (!units.everything() && !units.subtrees().isEmpty()) {
            byUnit = "(" + byUnit + " OR EXISTS (SELECT 1 FROM item_co_unit c WHERE c.item_id = i.id AND "
                    + units.sqlOn("c.unit_path", "scope") + "))";
        }
        return leaderId == null ? byUnit : "(" + byUnit + " OR i.lead_leader_id = :scopeLeader)";
    }

    /**
     * The same condition for reading a whole view: the co-units' items taken once as a list of ids
     * instead of probed row by row. The planner guesses half the rows for a probe inside an OR, and
     * for a liaison's 37 items it read a province's 142,000 (0.9 s); with the list it reads the
     * unit's own index and the listed ids (8 ms). One item is still best tested by {@link #sql}.
     */
    String viewSql() {
        String byUnit = units.sqlOn("i.lead_unit_path", "scope");
        if (!units.everything() && !units.subtrees().isEmpty()) {
            byUnit = "(" + byUnit + " OR i.id = ANY(ARRAY(SELECT c.item_id FROM item_co_unit c WHERE "
                    + units.sqlOn("c.unit_path", "scope") + ")))";
        }
        return leaderId == null ? byUnit : "(" + byUnit + " OR i.lead_leader_id = :scopeLeader)";
    }

    Map<String, Object> params() {
        Map<String, Object> params = new HashMap<>(units.sqlParams("scope"));
        if (leaderId != null) {
            params.put("scopeLeader", leaderId);
        }
        return params;
    }
}
