/**
 * 进展反馈 and 时间进度 (progress): indicators on items, periodic reports with their versions,
 * reporting windows and the pace policy (超/落后时间进度N个百分点). Glossary: 指标 = Indicator, 进展反馈 =
 * progress report, 反馈期 = period, 未按时反馈 = missing report, 滞后 = lagging.
 */
@org.springframework.modulith.ApplicationModule(displayName = "progress")
package org.luoshi.progress;
