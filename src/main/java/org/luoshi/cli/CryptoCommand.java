package org.luoshi.cli;

import java.io.PrintStream;
import org.luoshi.security.PersonalData;
import org.springframework.context.ConfigurableApplicationContext;

final class CryptoCommand {

    private CryptoCommand() {}

    /** Re-seals the personal data under a new key. Exit 0 done, 1 refused (nothing changed). */
    static int rotate(ConfigurableApplicationContext context, String newKey, PrintStream out, PrintStream err) {
        PersonalData.Rotation r;
        try {
            r = context.getBean(PersonalData.class).rotate(newKey);
        } catch (IllegalStateException e) {
            err.println("未更换密钥，数据未改动：" + e.getMessage());
            return 1;
        }
        out.println("已用新密钥重新加密 " + r.values() + " 项个人信息。");
        out.println("personal data re-sealed: " + r.values() + " values");
        if (r.generatedKey() != null) {
            out.println("新密钥（只显示这一次，请妥善保管）：" + r.generatedKey());
        }
        if (r.configured()) {
            out.println("请把 LUOSHI_PERSONAL_DATA_KEY 改为新密钥后再启动服务；用旧密钥启动将无法读出个人信息。");
        } else {
            out.println("密钥保存在数据库中（未配置 LUOSHI_PERSONAL_DATA_KEY），已一并更换。");
        }
        return 0;
    }
}
