package org.luoshi.security;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Checks a username and password with lockout. Every failure is counted and audited in a
 * transaction that commits even though the login is refused.
 */
@Service
public class LoginService {

    private static final String WRONG = "用户名或密码错误";
    private static final DateTimeFormatter HH_MM =
            DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.of("Asia/Shanghai"));

    private final AccountRepository accounts;
    private final SecurityPolicyService policies;
    private final AccountService accountService;
    private final PasswordEncoder encoder;
    private final ApplicationEventPublisher events;
    private final DemoMode demo;
    private final Clock clock;
    private final java.util.concurrent.CompletableFuture<String> decoyHash;

    LoginService(
            AccountRepository accounts,
            SecurityPolicyService policies,
            AccountService accountService,
            PasswordEncoder encoder,
            ApplicationEventPublisher events,
            DemoMode demo,
            Clock clock) {
        this.accounts = accounts;
        this.policies = policies;
        this.accountService = accountService;
        this.encoder = encoder;
        this.events = events;
        this.demo = demo;
        this.clock = clock;
        // made aside: a slow hash is a good part of a second of start-up while the code is still cold
        this.decoyHash = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> encoder.encode("decoy-password-for-timing"),
                r -> Thread.ofVirtual().name("decoy-hash").start(r));
    }

    @Transactional(noRollbackFor = LoginRefused.class)
    public CurrentUser authenticate(String username, String password, String channel, String address) {
        String name = username == null ? "" : username.strip();
        Account account = accounts.findByUsername(name).orElse(null);
        if (account == null) {
            encoder.matches(password == null ? "" : password, decoyHash.join()); // same time as a real check
            throw refuse(name, "用户不存在", channel, WRONG);
        }
        Instant now = clock.instant();
        if (account.lockedAt(now)) {
            throw refuse(account.username(), "账户已锁定", channel, lockedMessage(account.lockedUntil()));
        }
        if (account.lockedUntil() != null) {
            accounts.clearExpiredLock(account.id());
        }
        String hash = accounts.passwordHash(account.id()).orElseThrow();
        if (password == null || !encoder.matches(password, hash)) {
            SecurityPolicy policy = policies.current();
            var failure =
                    accounts.recordFailure(account.id(), policy.maxFailedAttempts(), now.plus(policy.lockDuration()));
            if (failure.lockedUntil() != null && failure.attempts() >= policy.maxFailedAttempts()) {
                events.publishEvent(new AccountEvent.LoginFailed(account.username(), "密码错误", channel));
                events.publishEvent(
                        new AccountEvent.Locked(account.username(), failure.attempts(), policy.lockMinutes()));
                throw new LoginRefused("连续" + failure.attempts() + "次密码错误，" + lockedMessage(failure.lockedUntil()));
            }
            int left = policy.maxFailedAttempts() - failure.attempts();
            throw refuse(account.username(), "密码错误", channel, WRONG + "，再错" + left + "次账户将被锁定");
        }
        if (!account.enabled()) {
            throw refuse(account.username(), "账户已停用", channel, "账户已停用，请联系系统管理员");
        }
        if (account.demo() && !demo.enabled()) {
            throw refuse(account.username(), "演示账户在非演示模式下不可用", channel, "演示账户仅在演示模式下可用");
        }
        if (encoder.upgradeEncoding(hash)) {
            // stored under an older scheme or cost: the password in hand is hashed again, nothing else changes
            accounts.rehash(account.id(), hash, encoder.encode(password));
        }
        accounts.recordSuccess(account.id(), address);
        events.publishEvent(new AccountEvent.LoginSucceeded(account.username(), channel));
        return CurrentUser.of(account, accountService.passwordChangeDue(account));
    }

    private LoginRefused refuse(String username, String reason, String channel, String message) {
        events.publishEvent(new AccountEvent.LoginFailed(username, reason, channel));
        return new LoginRefused(message);
    }

    private static String lockedMessage(Instant until) {
        return "账户已被锁定，请于 " + HH_MM.format(until) + " 后再试，或联系系统管理员解锁";
    }

    @Transactional
    public void loggedOut(CurrentUser user) {
        events.publishEvent(new AccountEvent.LoggedOut(user.username()));
    }
}
