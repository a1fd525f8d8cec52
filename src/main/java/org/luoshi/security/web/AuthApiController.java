package org.luoshi.security.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.luoshi.org.UnitQuery;
import org.luoshi.org.UnitScope;
import org.luoshi.security.ApiToken;
import org.luoshi.security.ApiTokenService;
import org.luoshi.security.CurrentUser;
import org.luoshi.security.LoginService;
import org.luoshi.security.Role;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class AuthApiController {

    private final LoginService logins;
    private final ApiTokenService tokens;
    private final UnitQuery units;

    AuthApiController(LoginService logins, ApiTokenService tokens, UnitQuery units) {
        this.logins = logins;
        this.tokens = tokens;
        this.units = units;
    }

    /** Username and password for a token; the same lockout as the login page. */
    @PostMapping("/api/v1/auth/token")
    Map<String, String> token(@RequestBody(required = false) Credentials credentials, HttpServletRequest request) {
        Credentials c = credentials == null ? new Credentials(null, null, null) : credentials;
        CurrentUser user = logins.authenticate(c.username(), c.password(), "接口令牌", request.getRemoteAddr());
        return Map.of("token", tokens.issue(user, c.name() == null ? "接口令牌" : c.name()));
    }

    @GetMapping("/api/v1/me")
    Map<String, Object> me(CurrentUser user) {
        var unit = units.get(user.unitId(), UnitScope.all());
        return Map.of(
                "id", user.id(),
                "username", user.username(),
                "displayName", user.displayName(),
                "roles", user.roles().stream().map(Role::name).sorted().toList(),
                "unit", Map.of("id", unit.id(), "code", unit.code(), "name", unit.name()));
    }

    @GetMapping("/api/v1/auth/tokens")
    Map<String, List<ApiToken>> list(CurrentUser user) {
        return Map.of("tokens", tokens.list(user));
    }

    @DeleteMapping("/api/v1/auth/tokens/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@PathVariable long id, CurrentUser user) {
        tokens.revoke(user, id);
    }

    record Credentials(String username, String password, String name) {}
}
