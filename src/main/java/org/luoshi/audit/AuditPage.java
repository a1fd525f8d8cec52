package org.luoshi.audit;

import java.util.List;

public record AuditPage(List<AuditEntry> entries, int page, boolean hasNext) {}
