package org.luoshi.audit;

import java.time.OffsetDateTime;

/** One row of the trail as the audit administrator reads it. */
public record AuditEntry(
        long id,
        OffsetDateTime occurredAt,
        String actor,
        String address,
        String action,
        String outcome,
        String targetType,
        String targetId,
        String summary,
        String before,
        String after,
        Long chainSeq) {}
