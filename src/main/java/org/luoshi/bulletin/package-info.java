/**
 * 通报 (bulletins): for a jurisdiction and a week, month or quarter, units ranked by on-time closure,
 * report punctuality and pace, with the overdue, red and re-opened items, good examples and long
 * unresolved ones; drafted on schedule, edited, published (then final), exported as an official
 * document.
 */
@org.springframework.modulith.ApplicationModule(displayName = "bulletin")
package org.luoshi.bulletin;
