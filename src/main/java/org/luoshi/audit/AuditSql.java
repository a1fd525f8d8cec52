package org.luoshi.audit;

final class AuditSql {

    static final String SELECT_RECORD = """
            SELECT id, occurred_at, actor, address, action, outcome, target_type, target_id, summary,
                   before::text AS before, after::text AS after
              FROM audit_event
            """;

    private AuditSql() {}
}
