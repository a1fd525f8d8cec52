package org.luoshi.security;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.luoshi.org.Unit;
import org.luoshi.org.UnitCommand;
import org.luoshi.org.UnitKind;
import org.luoshi.org.UnitQuery;
import org.luoshi.org.UnitService;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A production start on an empty database: one root unit and the three administrators, each with
 * a one-time password printed once. Nobody else can sign in until they act.
 */
@Component
@Order(20)
class FirstRun implements ApplicationRunner {

    private final DemoMode demo;
    private final JdbcClient jdbc;
    private final UnitService units;
    private final UnitQuery unitQuery;
    private final AccountService accounts;
    private final TransactionTemplate tx;
    private final boolean enabled;

    FirstRun(
            @org.springframework.beans.factory.annotation.Value("${luoshi.first-run.enabled:true}") boolean enabled,
            DemoMode demo,
            JdbcClient jdbc,
            UnitService units,
            UnitQuery unitQuery,
            AccountService accounts,
            TransactionTemplate tx) {
        this.demo = demo;
        this.jdbc = jdbc;
        this.units = units;
        this.unitQuery = unitQuery;
        this.accounts = accounts;
        this.tx = tx;
        this.enabled = enabled;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!enabled
                || demo.enabled()
                || jdbc.sql("SELECT count(*) FROM account").query(Long.class).single() > 0) {
            return;
        }
        Map<String, String> created = tx.execute(status -> {
            Unit root = unitQuery
                    .findByCode("ROOT")
                    .orElseGet(() -> units.create(
                            new UnitCommand("本级机构（请在单位管理中改为本单位名称）", "本级机构", "ROOT", UnitKind.CITY, null, 0)));
            Map<String, String> passwords = new LinkedHashMap<>();
            create(root, "sysadmin", "系统管理员", Role.SYSTEM_ADMIN, passwords);
            create(root, "secadmin", "安全管理员", Role.SECURITY_ADMIN, passwords);
            create(root, "auditor", "审计管理员", Role.AUDIT_ADMIN, passwords);
            return passwords;
        });
        StringBuilder sb = new StringBuilder("\n  首次启动：已创建三员账户，临时密码只显示这一次，首次登录须修改\n");
        created.forEach((user, password) -> sb.append("    ")
                .append(String.format("%-10s", user))
                .append(password)
                .append('\n'));
        System.out.println(sb);
    }

    private void create(Unit root, String username, String name, Role role, Map<String, String> passwords) {
        String password = Passwords.temporary();
        accounts.create(new NewAccount(username, name, name, root.id(), Set.of(role), password), true);
        passwords.put(username, password);
    }
}
