package org.luoshi.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.luoshi.audit.AuditArchiver;
import org.luoshi.audit.AuditChainer;
import org.luoshi.audit.AuditVerification;
import org.luoshi.audit.AuditVerifier;
import org.springframework.context.ConfigurableApplicationContext;

final class AuditCommand {

    private AuditCommand() {}

    /** Links what is pending, then walks the whole chain. Exit 0 intact, 1 broken. */
    static int verify(ConfigurableApplicationContext context, PrintStream out, PrintStream err) {
        int linked = context.getBean(AuditChainer.class).chainPending();
        AuditVerification v = context.getBean(AuditVerifier.class).verify();
        if (v.intact()) {
            out.println("审计日志完好：核验 " + v.checked() + " 条记录（本次新入链 " + linked + " 条）。");
            out.println("audit trail intact: " + v.checked() + " records checked");
            return 0;
        }
        err.println("审计日志已被破坏：" + v.problem());
        err.println("audit trail BROKEN at record #" + v.brokenSeq()
                + (v.brokenId() == null ? "" : " (id " + v.brokenId() + ")") + "; " + v.checked()
                + " records verified before it");
        return 1;
    }

    /** Keys a chain made before keys, once, if it verifies under plain SM3. Exit 0 done, 1 refused. */
    static int rekey(ConfigurableApplicationContext context, PrintStream out, PrintStream err) {
        AuditVerifier.Rekeyed r = context.getBean(AuditVerifier.class).rekey();
        if (r.refusal() != null) {
            err.println(r.refusal());
            return 1;
        }
        if (r.alreadyKeyed()) {
            out.println("审计链已使用密钥，无需重新处理。");
            out.println("audit chain already keyed");
            return 0;
        }
        out.println("审计链已改用密钥（HMAC-SM3）：重新计算 " + r.records() + " 条记录。");
        out.println("audit chain keyed: " + r.records() + " records");
        return 0;
    }

    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneId.of("Asia/Shanghai"));

    /** Moves records older than the retention into a file. Exit 0 done (or nothing to do), 1 refused. */
    static int archive(ConfigurableApplicationContext context, Path to, int days, PrintStream out, PrintStream err) {
        AuditArchiver.Archived a = context.getBean(AuditArchiver.class).archive(to, days);
        if (a.refusal() != null) {
            err.println(a.refusal());
            return 1;
        }
        if (a.records() == 0) {
            out.println("没有早于 " + days + " 天的审计记录需要归档。");
            out.println("nothing older than " + days + " days to archive");
            return 0;
        }
        out.println("已归档审计记录 " + a.records() + " 条（第 " + a.firstSeq() + "–" + a.lastSeq() + " 条，"
                + DAY.format(a.oldest()) + " 至 " + DAY.format(a.newest()) + "）到 " + to + "；请将该文件另行妥善保存。");
        out.println("archived " + a.records() + " records to " + to);
        return 0;
    }

    /** Proves an archive file against its anchor. Exit 0 intact, 1 not. */
    static int verifyArchive(ConfigurableApplicationContext context, Path file, PrintStream out, PrintStream err) {
        AuditArchiver.Checked c = context.getBean(AuditArchiver.class).check(file);
        if (c.problem() != null) {
            err.println("归档文件未通过校验：" + c.problem());
            err.println("audit archive BROKEN: " + file);
            return 1;
        }
        out.println("归档文件完好：第 " + c.firstSeq() + "–" + c.lastSeq() + " 条，共 " + c.records() + " 条记录，与数据库中的锚点一致。");
        out.println("audit archive intact: " + c.records() + " records");
        return 0;
    }
}
