package org.luoshi.security;

import org.luoshi.DomainException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The security administrator's one policy row. */
@Service
public class SecurityPolicyService {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    SecurityPolicyService(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    public SecurityPolicy current() {
        return jdbc.sql("""
                SELECT min_length, min_classes, history_count, max_failed_attempts, lock_minutes,
                       idle_minutes, password_max_days, version
                  FROM security_policy WHERE id = 1
                """).query(SecurityPolicy.class).single();
    }

    @Transactional
    public SecurityPolicy update(SecurityPolicy p) {
        check(p.minLength() >= 8 && p.minLength() <= 64, "minLength", "密码最小长度须在8至64之间");
        check(p.minClasses() >= 3 && p.minClasses() <= 4, "minClasses", "密码字符类别须为3或4类（等保三级要求至少3类）");
        check(p.historyCount() >= 0 && p.historyCount() <= 24, "historyCount", "不可重复使用的历史密码数须在0至24之间");
        check(p.maxFailedAttempts() >= 1 && p.maxFailedAttempts() <= 20, "maxFailedAttempts", "登录失败次数上限须在1至20之间");
        check(p.lockMinutes() >= 1 && p.lockMinutes() <= 1440, "lockMinutes", "锁定时长须在1至1440分钟之间");
        check(p.idleMinutes() >= 5 && p.idleMinutes() <= 480, "idleMinutes", "会话空闲超时须在5至480分钟之间");
        check(p.passwordMaxDays() >= 0 && p.passwordMaxDays() <= 3650, "passwordMaxDays", "密码有效期须在0至3650天之间（0为不限）");
        SecurityPolicy before = current();
        int n = jdbc.sql("""
                        UPDATE security_policy SET min_length = :minLength, min_classes = :minClasses,
                               history_count = :historyCount, max_failed_attempts = :maxFailedAttempts,
                               lock_minutes = :lockMinutes, idle_minutes = :idleMinutes,
                               password_max_days = :passwordMaxDays, version = version + 1,
                               updated_at = now(), updated_by = :by
                         WHERE id = 1 AND version = :version
                        """)
                .paramSource(p)
                .param(
                        "by",
                        SecurityContextHolder.getContext().getAuthentication().getName())
                .update();
        if (n != 1) {
            throw DomainException.conflict("policy.stale", "安全策略已被他人修改，请刷新后重试，您的修改未保存");
        }
        SecurityPolicy after = current();
        events.publishEvent(new SecurityEvent.PolicyChanged(before, after));
        return after;
    }

    private static void check(boolean ok, String field, String message) {
        if (!ok) {
            throw DomainException.invalid("policy." + field, field, message);
        }
    }
}
