package org.luoshi.security;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.luoshi.audit.AuditOutcome;
import org.luoshi.audit.AuditableEvent;

/** What happens to accounts and logins; every one lands in the audit trail. */
public sealed interface AccountEvent extends AuditableEvent {

    String username();

    @Override
    default String targetType() {
        return "account";
    }

    @Override
    default String targetId() {
        return username();
    }

    record Created(Account account) implements AccountEvent {
        public String username() {
            return account.username();
        }

        public String action() {
            return "account.created";
        }

        public String summary() {
            return "新建账户 " + account.username() + "（" + account.displayName() + "）";
        }

        public Object stateAfter() {
            return snapshot(account);
        }
    }

    record Updated(Account before, Account account) implements AccountEvent {
        public String username() {
            return account.username();
        }

        public String action() {
            return "account.updated";
        }

        public String summary() {
            return "修改账户 " + account.username() + " 的资料或角色";
        }

        public Object stateBefore() {
            return snapshot(before);
        }

        public Object stateAfter() {
            return snapshot(account);
        }
    }

    record EnabledChanged(String username, boolean enabled) implements AccountEvent {
        public String action() {
            return enabled ? "account.enabled" : "account.disabled";
        }

        public String summary() {
            return (enabled ? "启用账户 " : "停用账户 ") + username;
        }
    }

    record PasswordChanged(String username, boolean byAdministrator) implements AccountEvent {
        public String action() {
            return byAdministrator ? "account.password.reset" : "account.password.changed";
        }

        public String summary() {
            return byAdministrator ? "重置账户 " + username + " 的密码（须在首次登录时修改）" : "账户 " + username + " 修改了自己的密码";
        }
    }

    record PasswordRefused(String username, String reason) implements AccountEvent {
        public String action() {
            return "account.password.refused";
        }

        public String summary() {
            return "账户 " + username + " 修改密码被拒绝：" + reason;
        }

        public AuditOutcome outcome() {
            return AuditOutcome.FAILURE;
        }
    }

    record Unlocked(String username) implements AccountEvent {
        public String action() {
            return "account.unlocked";
        }

        public String summary() {
            return "解锁账户 " + username;
        }
    }

    record LoginSucceeded(String username, String channel) implements AccountEvent {
        public String action() {
            return "login.succeeded";
        }

        public String summary() {
            return username + " 登录成功（" + channel + "）";
        }

        public String actor() {
            return username;
        }
    }

    record LoginFailed(String username, String reason, String channel) implements AccountEvent {
        public String action() {
            return "login.failed";
        }

        public String summary() {
            return "以 " + username + " 登录失败（" + channel + "）：" + reason;
        }

        public AuditOutcome outcome() {
            return AuditOutcome.FAILURE;
        }

        public String actor() {
            return username;
        }
    }

    record Locked(String username, int attempts, int minutes) implements AccountEvent {
        public String action() {
            return "account.locked";
        }

        public String summary() {
            return "账户 " + username + " 连续" + attempts + "次登录失败，锁定" + minutes + "分钟";
        }

        public AuditOutcome outcome() {
            return AuditOutcome.DENIED;
        }

        public String actor() {
            return username;
        }
    }

    record LoggedOut(String username) implements AccountEvent {
        public String action() {
            return "logout";
        }

        public String summary() {
            return username + " 退出登录";
        }

        public String actor() {
            return username;
        }
    }

    record TokenIssued(String username, String name, String prefix) implements AccountEvent {
        public String action() {
            return "token.issued";
        }

        public String summary() {
            return "为 " + username + " 签发接口令牌「" + name + "」（" + prefix + "…）";
        }

        public String actor() {
            return username; // a token is issued to whoever just proved who he is
        }
    }

    record TokenRevoked(String username, String name, String prefix) implements AccountEvent {
        public String action() {
            return "token.revoked";
        }

        public String summary() {
            return "吊销 " + username + " 的接口令牌「" + name + "」（" + prefix + "…）";
        }
    }

    private static Map<String, Object> snapshot(Account a) {
        var m = new LinkedHashMap<String, Object>();
        m.put("username", a.username());
        m.put("displayName", a.displayName());
        m.put("title", a.title());
        m.put("unitId", a.unitId());
        m.put("roles", new TreeSet<>(a.roles().stream().map(Role::name).toList()));
        m.put("enabled", a.enabled());
        return m;
    }
}
