/**
 * 工作日历 (working-day calendar): official holidays (法定节假日) and make-up working days (调休上班)
 * per year, so that "N个工作日" is counted the way offices count it. Glossary: 工作日 = working
 * day, 调休 = make-up day.
 */
@org.springframework.modulith.ApplicationModule(displayName = "calendar")
package org.luoshi.calendar;
