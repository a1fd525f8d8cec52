/**
 * 考核 (assessment): schemes of weighted criteria computed from the ledger (on-time closure, report
 * punctuality, indicator completion, closure ratings, citizens' satisfaction), credit for lead and
 * co-handling units, bonus and deduction lines with reasons, scores, ranks and grades by quota;
 * publicised for appeals, then published and locked.
 */
@org.springframework.modulith.ApplicationModule(displayName = "assessment")
package org.luoshi.assessment;
