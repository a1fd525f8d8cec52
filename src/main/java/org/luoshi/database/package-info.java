/**
 * 数据库 (database): chooses between an external PostgreSQL and the embedded one that keeps its
 * data in a local folder, so that a zero-setup run and production share one SQL dialect.
 */
@org.springframework.modulith.ApplicationModule(displayName = "database")
package org.luoshi.database;
