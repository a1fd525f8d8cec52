package org.luoshi.item;

import java.util.HashMap;
import java.util.Map;
import org.luoshi.org.UnitScope;

/** Which items an account sees: those whose lead unit lies in its unit scope, or that it leads. */
record ItemScope(UnitScope units, Long leaderId) {

    /** How the co-unit (协办) test is written: per row, or as one list for a whole view. */
    enum Reading {
        /** An EXISTS probe per row: right for one item or a short list of ids. */
        ROWS,
        /**
         * The co-units' items taken once as a list of ids. The planner guesses half the rows for a
         * probe inside an OR, and for a liaison's 37 items it read a province's 142,000 (0.9 s); with
         * the list it reads the unit's own index and the listed ids (8 ms).
         */
        VIEW
    }

    /** Lead unit in scope, or a co-unit in scope, or led by the leader; for one item or a few. */
    String sql() {
        return sql(Reading.ROWS);
    }

    String sql(Reading reading) {
        String byUnit = units.sqlOn("i.lead_unit_path", "scope");
        if (!units.everything() && !units.subtrees().isEmpty()) {
            String coUnits = "FROM item_co_unit c WHERE " + units.sqlOn("c.unit_path", "scope");
            byUnit = "(" + byUnit
                    + (reading == Reading.VIEW
                            ? " OR i.id = ANY(ARRAY(SELECT c.item_id " + coUnits + ")))"
                            : " OR EXISTS (SELECT 1 " + coUnits + " AND c.item_id = i.id))");
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
