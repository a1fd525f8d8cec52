package org.luoshi.item;

import java.util.List;
import org.luoshi.audit.AuditableBatch;

/**
 * The registrations of one batch (a ledger import): a record each in the audit trail, written
 * together. Listeners of single {@link ItemEvent}s do not hear these; none follows registrations.
 */
public record ItemEvents(List<ItemEvent> events) implements AuditableBatch {

    public ItemEvents {
        events = List.copyOf(events);
    }
}
