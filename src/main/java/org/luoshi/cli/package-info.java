/**
 * 命令行 (command line): the operations verbs on the same jar — serve, audit verify, account
 * create and reset-password.
 */
@org.springframework.modulith.ApplicationModule(displayName = "cli")
package org.luoshi.cli;
