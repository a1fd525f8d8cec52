package org.luoshi.audit;

/** The outcome of walking the chain: how many records held, and the first that did not. */
public record AuditVerification(long checked, long pending, Long brokenSeq, Long brokenId, String problem) {

    public boolean intact() {
        return problem == null;
    }

    static AuditVerification ok(long checked, long pending) {
        return new AuditVerification(checked, pending, null, null, null);
    }

    static AuditVerification broken(long checked, long pending, long seq, Long id, String problem) {
        return new AuditVerification(checked, pending, seq, id, problem);
    }
}
