/**
 * 安全 (security): accounts (账户), roles (角色), 三员分立, password and lockout policy (安全策略),
 * API tokens (接口令牌), and each account's data scope (数据范围) over the unit tree.
 */
@org.springframework.modulith.ApplicationModule(displayName = "security")
package org.luoshi.security;
