/**
 * 群众意见和建议 (citizens' suggestions): a public form with rate limits and a question, phone numbers
 * sealed with SM4, triage by a supervisor (转办 as an item, answer, merge, decline), following and
 * rating by tracking code.
 */
@org.springframework.modulith.ApplicationModule(displayName = "suggestion")
package org.luoshi.suggestion;
