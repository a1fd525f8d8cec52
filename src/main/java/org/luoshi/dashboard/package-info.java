/**
 * 指挥调度 (dashboard): the numbers a supervisor, a leader or a unit looks at first, each leading to
 * the ledger view behind it, on a desk or on the command centre's wall.
 */
@org.springframework.modulith.ApplicationModule(displayName = "dashboard")
package org.luoshi.dashboard;
