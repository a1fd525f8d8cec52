/**
 * 审计 (audit trail): every change of state, who, when, from where, before and after; append-only
 * and hash-chained with SM3. Business modules publish {@link org.luoshi.audit.AuditableEvent}s; this
 * module imports none of them.
 */
@org.springframework.modulith.ApplicationModule(displayName = "audit")
package org.luoshi.audit;
