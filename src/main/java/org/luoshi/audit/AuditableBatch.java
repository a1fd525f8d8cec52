package org.luoshi.audit;

import java.util.List;

/**
 * Many auditable events of one operation (a ledger import's thousands of registrations): one
 * record each in the trail, written in one batch instead of a statement per record.
 */
public interface AuditableBatch {

    List<? extends AuditableEvent> events();
}
