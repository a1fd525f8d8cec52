package org.luoshi.item;

import org.luoshi.org.UnitEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Keeps the items' copy of their lead unit's path in step when a unit moves in the tree. */
@Component
class UnitMoves {

    private final JdbcClient jdbc;

    UnitMoves(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void on(UnitEvent.Updated event) {
        String from = event.before().path().value();
        String to = event.unit().path().value();
        if (from.equals(to)) {
            return;
        }
        jdbc.sql("""
                UPDATE item SET lead_unit_path = :to || substr(lead_unit_path, length(:from) + 1)
                 WHERE lead_unit_path >= :from AND lead_unit_path < :upper
                """)
                .param("to", to)
                .param("from", from)
                .param("upper", event.before().path().upperBound())
                .update();
        jdbc.sql("""
                UPDATE item_co_unit SET unit_path = :to || substr(unit_path, length(:from) + 1)
                 WHERE unit_path >= :from AND unit_path < :upper
                """)
                .param("to", to)
                .param("from", from)
                .param("upper", event.before().path().upperBound())
                .update();
    }
}
