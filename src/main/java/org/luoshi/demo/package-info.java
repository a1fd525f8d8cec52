/**
 * 演示数据 (demo city): a deterministic 示范市 with its departments, counties, towns and villages and
 * an account for every role, loaded into an empty database in demo mode.
 */
@org.springframework.modulith.ApplicationModule(displayName = "demo")
package org.luoshi.demo;
