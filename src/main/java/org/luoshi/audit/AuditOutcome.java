package org.luoshi.audit;

public enum AuditOutcome {
    SUCCESS,
    FAILURE,
    DENIED
}
