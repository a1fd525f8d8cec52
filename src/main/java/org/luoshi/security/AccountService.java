package org.luoshi.security;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.luoshi.DomainException;
import org.luoshi.org.Unit;
import org.luoshi.org.UnitQuery;
import org.luoshi.org.UnitScope;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Opens, edits and closes accounts; keeps passwords to the policy. */
@Service
public class AccountService {

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{2,63}");

    private final AccountRepository accounts;
    private final UnitQuery units;
    private final SecurityPolicyService policies;
    private final PasswordEncoder encoder;
    private final ApplicationEventPublisher events;
    private final JdbcClient jdbc;
    private final Clock clock;

    AccountService(
            AccountRepository accounts,
            UnitQuery units,
            SecurityPolicyService policies,
            PasswordEncoder encoder,
            ApplicationEventPublisher events,
            JdbcClient jdbc,
            Clock clock) {
        this.accounts = accounts;
        this.units = units;
        this.policies = policies;
        this.encoder = encoder;
        this.events = events;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Account get(long id) {
        return accounts.find(id).orElseThrow(AccountService::notFound);
    }

    public java.util.Optional<Account> findByUsername(String username) {
        return accounts.findByUsername(username);
    }

    /**
     * The system administrator opens business accounts; administrator roles are granted by the
     * security administrator or on the command line ({@code allowAdministrators}).
     */
    @Transactional
    public Account create(NewAccount a, boolean allowAdministrators) {
        String username = a.username() == null ? "" : a.username().strip();
        if (!USERNAME.matcher(username).matches()) {
            throw DomainException.invalid("account.username.format", "username", "用户名须为3至64位字母、数字、点、横线或下划线，且以字母开头");
        }
        if (accounts.usernameTaken(username)) {
            throw DomainException.invalid("account.username.taken", "username", "用户名“{0}”已被使用", username);
        }
        String displayName = requireDisplayName(a.displayName());
        Set<Role> roles = checkRoles(a.roles(), allowAdministrators);
        requireActiveUnit(a.unitId());
        requireStrong(a.password(), username);
        NewAccount clean =
                new NewAccount(username, displayName, blankToNull(a.title()), a.unitId(), roles, a.password());
        long id = accounts.insert(clean, encoder.encode(a.password()), true, false, currentUser());
        Account created = get(id);
        events.publishEvent(new AccountEvent.Created(created));
        return created;
    }

    /** Demo accounts: known password, no forced change, usable only in demo mode. */
    @Transactional
    public Account createDemo(NewAccount a, String passwordHash) {
        long id = accounts.insert(a, passwordHash, false, true, "demo");
        Account created = get(id);
        events.publishEvent(new AccountEvent.Created(created));
        return created;
    }

    /** Every demo account takes the current demo password (LUOSHI_DEMO_PASSWORD may have changed). */
    @Transactional
    public void applyDemoPassword(String passwordHash) {
        jdbc.sql("UPDATE account SET password_hash = :h, must_change_password = false WHERE demo")
                .param("h", passwordHash)
                .update();
    }

    @Transactional
    public Account updateProfile(long id, int version, String displayName, String title, long unitId) {
        Account before = get(id);
        String name = requireDisplayName(displayName);
        if (unitId != before.unitId()) {
            requireActiveUnit(unitId);
        }
        if (!accounts.updateProfile(id, version, name, blankToNull(title), unitId)) {
            throw staleEdit();
        }
        Account after = get(id);
        events.publishEvent(new AccountEvent.Updated(before, after));
        return after;
    }

    /** 授权: the security administrator's work. */
    @Transactional
    public Account setRoles(long id, int version, Set<Role> roles) {
        Account before = get(id);
        Set<Role> checked = checkRoles(roles, true);
        if (before.username().equals(currentUser()) && !checked.equals(before.roles())) {
            throw DomainException.forbidden("account.roles.self", "不能修改自己的角色");
        }
        if (!accounts.bumpVersion(id, version)) {
            throw staleEdit();
        }
        accounts.replaceRoles(id, checked);
        endSessions(before.username());
        Account after = get(id);
        events.publishEvent(new AccountEvent.Updated(before, after));
        return after;
    }

    @Transactional
    public Account setEnabled(long id, boolean enabled) {
        Account account = get(id);
        if (account.username().equals(currentUser())) {
            throw DomainException.forbidden("account.disable.self", "不能停用自己的账户");
        }
        accounts.setEnabled(id, enabled);
        if (!enabled) {
            endSessions(account.username());
            jdbc.sql("UPDATE api_token SET revoked_at = now() WHERE account_id = :id AND revoked_at IS NULL")
                    .param("id", id)
                    .update();
        }
        events.publishEvent(new AccountEvent.EnabledChanged(account.username(), enabled));
        return get(id);
    }

    /** A new temporary password, shown once to the administrator; the owner must change it. */
    @Transactional
    public String resetPassword(long id) {
        Account account = get(id);
        String temporary = Passwords.temporary();
        accounts.setPassword(id, encoder.encode(temporary), true);
        endSessions(account.username());
        events.publishEvent(new AccountEvent.PasswordChanged(account.username(), true));
        return temporary;
    }

    @Transactional
    public void unlock(long id) {
        Account account = get(id);
        accounts.unlock(id);
        events.publishEvent(new AccountEvent.Unlocked(account.username()));
    }

    /** The owner's own change: the current password, the policy, and no reuse of recent ones. */
    @Transactional(noRollbackFor = DomainException.class)
    public void changeOwnPassword(long id, String current, String next) {
        Account account = get(id);
        String hash = accounts.passwordHash(id).orElseThrow();
        if (current == null || !encoder.matches(current, hash)) {
            refuse(account, "currentPassword", "当前密码不正确");
        }
        List<String> problems = PasswordRules.violations(next, account.username(), policies.current());
        if (!problems.isEmpty()) {
            refuse(account, "newPassword", String.join("；", problems));
        }
        int history = policies.current().historyCount();
        if (history > 0) {
            for (String old : accounts.recentPasswordHashes(id, history)) {
                if (encoder.matches(next, old)) {
                    refuse(account, "newPassword", "新密码不能与最近" + history + "次使用过的密码相同");
                }
            }
        }
        accounts.setPassword(id, encoder.encode(next), false);
        events.publishEvent(new AccountEvent.PasswordChanged(account.username(), false));
    }

    /** Must the owner change the password before doing anything else? */
    public boolean passwordChangeDue(Account account) {
        if (account.demo()) {
            return false;
        }
        if (account.mustChangePassword()) {
            return true;
        }
        int maxDays = policies.current().passwordMaxDays();
        return maxDays > 0
                && account.passwordChangedAt() != null
                && account.passwordChangedAt().plus(Duration.ofDays(maxDays)).isBefore(clock.instant());
    }

    private void refuse(Account account, String field, String reason) {
        events.publishEvent(new AccountEvent.PasswordRefused(account.username(), reason));
        throw DomainException.invalid("account.password.refused", field, reason);
    }

    private void requireStrong(String password, String username) {
        List<String> problems = PasswordRules.violations(password, username, policies.current());
        if (!problems.isEmpty()) {
            throw DomainException.invalid("account.password.weak", "password", String.join("；", problems));
        }
    }

    private Unit requireActiveUnit(long unitId) {
        Unit unit = units.find(unitId, UnitScope.all())
                .orElseThrow(() -> DomainException.invalid("account.unit.unknown", "unitId", "所属单位不存在"));
        if (!unit.enabled()) {
            throw DomainException.invalid("account.unit.disabled", "unitId", "所属单位已停用");
        }
        return unit;
    }

    private static Set<Role> checkRoles(Set<Role> roles, boolean allowAdministrators) {
        Set<Role> set = roles == null || roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
        String conflict = Role.conflictIn(set);
        if (conflict != null) {
            throw DomainException.invalid("account.roles.conflict", "roles", conflict);
        }
        if (!allowAdministrators && set.stream().anyMatch(Role::isAdministrator)) {
            throw DomainException.invalid("account.roles.adminByAdmin", "roles", "管理员角色只能由安全管理员授予");
        }
        return set;
    }

    private static String requireDisplayName(String displayName) {
        String name = blankToNull(displayName);
        if (name == null) {
            throw DomainException.invalid("account.displayName.required", "displayName", "请填写姓名");
        }
        if (name.length() > 64) {
            throw DomainException.invalid("account.displayName.long", "displayName", "姓名不能超过64个字");
        }
        return name;
    }

    /** Signed-in sessions of the account end at once: it was disabled, re-roled or reset. */
    private void endSessions(String username) {
        jdbc.sql("DELETE FROM spring_session WHERE principal_name = :u")
                .param("u", username)
                .update();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String currentUser() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? null : auth.getName();
    }

    static DomainException notFound() {
        return DomainException.notFound("account.notFound", "账户不存在");
    }

    private static DomainException staleEdit() {
        return DomainException.conflict("account.stale", "该账户已被他人修改，请刷新后重试，您的修改未保存");
    }
}
