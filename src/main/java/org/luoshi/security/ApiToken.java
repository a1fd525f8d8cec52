package org.luoshi.security;

import java.time.Instant;

/** 接口令牌 as listed to its owner: never the secret itself. */
public record ApiToken(
        long id, String name, String tokenPrefix, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {

    public boolean active() {
        return revokedAt == null;
    }
}
