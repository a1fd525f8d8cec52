/**
 * 工作总结 (summary): reads the work summaries offices already wrote into their outline, and drafts the
 * half-year summary from the ledger.
 */
@org.springframework.modulith.ApplicationModule(displayName = "summary")
package org.luoshi.summary;
