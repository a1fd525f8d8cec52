package org.luoshi.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.luoshi.DomainException;
import org.luoshi.org.Unit;
import org.luoshi.org.UnitQuery;
import org.luoshi.security.Account;
import org.luoshi.security.AccountService;
import org.luoshi.security.NewAccount;
import org.luoshi.security.Passwords;
import org.luoshi.security.Role;
import org.springframework.context.ConfigurableApplicationContext;

final class AccountCommand {

    private AccountCommand() {}

    static int create(ConfigurableApplicationContext context, Arguments a, PrintStream out) {
        String unitCode = a.require("unit");
        Unit unit = context.getBean(UnitQuery.class)
                .findByCode(unitCode)
                .orElseThrow(() -> new UsageError("单位编码不存在：" + unitCode));
        Set<Role> roles = roles(a.require("roles"));
        AccountService accounts = context.getBean(AccountService.class);
        String password = a.option("password");
        boolean generated = password == null;
        if (generated) {
            password = Passwords.temporary();
        }
        try {
            Account account = accounts.create(
                    new NewAccount(
                            a.require("username"), a.require("name"), a.option("title"), unit.id(), roles, password),
                    true);
            out.println("已创建账户 " + account.username() + "（" + account.displayName() + "，" + unit.name() + "）");
            if (generated) {
                out.println("临时密码（只显示这一次，首次登录须修改）：" + password);
            }
            return 0;
        } catch (DomainException e) {
            throw new UsageError(e.getMessage());
        }
    }

    static int reset(ConfigurableApplicationContext context, Arguments a, PrintStream out) {
        AccountService accounts = context.getBean(AccountService.class);
        String username = a.require("username");
        Account account = accounts.findByUsername(username).orElseThrow(() -> new UsageError("账户不存在：" + username));
        String temporary = accounts.resetPassword(account.id());
        out.println("已重置 " + account.username() + " 的密码。临时密码（只显示这一次，首次登录须修改）：" + temporary);
        return 0;
    }

    private static Set<Role> roles(String list) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : list.split("[,，\\s]+")) {
            if (name.isBlank()) {
                continue;
            }
            try {
                roles.add(Role.valueOf(name.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new UsageError("未知角色 " + name + "，可选：" + Arrays.toString(Role.values()));
            }
        }
        return roles;
    }
}
