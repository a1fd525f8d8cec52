package org.luoshi.security.web;

import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.luoshi.DomainException;
import org.luoshi.security.AccountService;
import org.luoshi.security.NewAccount;
import org.luoshi.security.Role;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/accounts")
class AccountApiController {

    private final AccountService accounts;

    AccountApiController(AccountService accounts) {
        this.accounts = accounts;
    }

    @PostMapping
    ResponseEntity<AccountJson> create(@RequestBody AccountRequest r) {
        if (r.unitId() == null) {
            throw DomainException.invalid("account.unit.required", "unitId", "请选择所属单位");
        }
        var created = accounts.create(
                new NewAccount(r.username(), r.displayName(), r.title(), r.unitId(), roles(r.roles()), r.password()),
                false);
        return ResponseEntity.created(URI.create("/api/v1/accounts/" + created.id()))
                .body(AccountJson.of(created));
    }

    @GetMapping("/{id}")
    AccountJson get(@PathVariable long id) {
        return AccountJson.of(accounts.get(id));
    }

    record AccountRequest(
            String username, String displayName, String title, Long unitId, List<String> roles, String password) {}

    static Set<Role> roles(List<String> names) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (names == null) {
            return roles;
        }
        for (String name : names) {
            try {
                roles.add(Role.valueOf(name.strip().toUpperCase(Locale.ROOT)));
            } catch (RuntimeException e) {
                throw DomainException.invalid("account.role.unknown", "roles", "未知的角色“{0}”", name);
            }
        }
        return roles;
    }
}
