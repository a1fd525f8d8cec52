package org.luoshi.cli;

import java.io.PrintStream;
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
}
