/**
 * 催办 (reminder): automatic reminders before a deadline, on overdue, on a missing report and on an
 * unsigned dispatch, manual ones by supervisors, escalating 提醒 → 黄牌 → 红牌, delivered in the app,
 * by e-mail and by webhook, each once. Glossary: 催办 = reminder, 黄牌/红牌 = yellow/red card.
 */
@org.springframework.modulith.ApplicationModule(displayName = "reminder")
package org.luoshi.reminder;
