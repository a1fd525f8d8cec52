package org.luoshi.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.luoshi.database.Backups;
import org.springframework.context.ConfigurableApplicationContext;

final class BackupCommand {

    private BackupCommand() {}

    /** Exit 0 with the file written, 1 when it could not be. */
    static int backup(ConfigurableApplicationContext context, Path to, PrintStream out, PrintStream err) {
        try {
            Backups.Manifest m = context.getBean(Backups.class).backup(to.toAbsolutePath());
            out.println("已备份到 " + to + "：" + m.tables().size() + " 张表，" + m.rows() + " 行，结构版本 " + m.schemaVersion()
                    + "，" + Files.size(to) / 1024 + " KB。");
            out.println("backup written: " + m.rows() + " rows in " + m.tables().size() + " tables");
            return 0;
        } catch (IllegalStateException | java.io.IOException e) {
            err.println(e.getMessage());
            return 1;
        }
    }

    /** Exit 0 restored, 1 refused (nothing written). */
    static int restore(ConfigurableApplicationContext context, Path from, PrintStream out, PrintStream err) {
        try {
            Backups.Manifest m = context.getBean(Backups.class).restore(from);
            out.println("已从 " + from + " 恢复：" + m.tables().size() + " 张表，" + m.rows() + " 行（备份时间 " + m.taken()
                    + "）。下次启动时数据库结构会升级到本程序的版本；请运行 audit verify 确认审计链完好。");
            out.println("restored: " + m.rows() + " rows in " + m.tables().size() + " tables");
            return 0;
        } catch (IllegalStateException e) {
            err.println(e.getMessage());
            return 1;
        }
    }
}
