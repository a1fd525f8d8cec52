package org.luoshi.security;

import java.time.Duration;

/** 安全策略: password strength and history, lockout and idle session time. */
public record SecurityPolicy(
        int minLength,
        int minClasses,
        int historyCount,
        int maxFailedAttempts,
        int lockMinutes,
        int idleMinutes,
        int passwordMaxDays,
        int version) {

    public Duration lockDuration() {
        return Duration.ofMinutes(lockMinutes);
    }

    public Duration idleTimeout() {
        return Duration.ofMinutes(idleMinutes);
    }
}
