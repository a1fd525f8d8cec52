/**
 * 公文 (document): the official-document renderer that summaries and bulletins share, laid out to
 * GB/T 9704, or poured into a Word template the user supplies.
 */
@org.springframework.modulith.ApplicationModule(displayName = "document")
package org.luoshi.document;
