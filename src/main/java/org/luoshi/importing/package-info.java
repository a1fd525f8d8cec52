/**
 * 台账导入 (importing): offices' spreadsheets become items, with every bad row named by its row and
 * column before anything is written, and a sheet imported twice updating what it made the first time.
 */
@org.springframework.modulith.ApplicationModule(displayName = "importing")
package org.luoshi.importing;
