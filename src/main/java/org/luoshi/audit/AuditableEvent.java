package org.luoshi.audit;

/**
 * An event that leaves a record in the audit trail. Business events implement it; the audit
 * module listens without knowing them.
 */
public interface AuditableEvent {

    /** A stable machine name such as {@code account.created}. */
    String action();

    /** One sentence in Chinese for the trail's reader. */
    String summary();

    default String targetType() {
        return null;
    }

    default String targetId() {
        return null;
    }

    default Object stateBefore() {
        return null;
    }

    default Object stateAfter() {
        return null;
    }

    default AuditOutcome outcome() {
        return AuditOutcome.SUCCESS;
    }

    /** The acting user when it is not the authenticated one (a login attempt, say). */
    default String actor() {
        return null;
    }
}
