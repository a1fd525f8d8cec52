/**
 * 定时任务 (scheduling): periodic jobs run by whichever node takes a job's lease in the database,
 * visible to the system administrator with their last and next runs.
 */
@org.springframework.modulith.ApplicationModule(displayName = "scheduling")
package org.luoshi.scheduling;
