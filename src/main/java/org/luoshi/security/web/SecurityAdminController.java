package org.luoshi.security.web;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.luoshi.DomainException;
import org.luoshi.org.UnitQuery;
import org.luoshi.security.Account;
import org.luoshi.security.AccountQuery;
import org.luoshi.security.AccountService;
import org.luoshi.security.Role;
import org.luoshi.security.SecurityPolicy;
import org.luoshi.security.SecurityPolicyService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The security administrator: 安全策略 and 角色授权. */
@Controller
class SecurityAdminController {

    private final SecurityPolicyService policies;
    private final AccountService accounts;
    private final AccountQuery query;
    private final UnitQuery units;

    SecurityAdminController(
            SecurityPolicyService policies, AccountService accounts, AccountQuery query, UnitQuery units) {
        this.policies = policies;
        this.accounts = accounts;
        this.query = query;
        this.units = units;
    }

    @GetMapping("/admin/security")
    String policy(Model model) {
        model.addAttribute("policy", policies.current());
        return "admin/security";
    }

    @PostMapping("/admin/security")
    String savePolicy(SecurityPolicy policy, Model model, RedirectAttributes redirect) {
        try {
            policies.update(policy);
            redirect.addFlashAttribute("notice", "安全策略已保存，新登录的会话按新策略执行");
            return "redirect:/admin/security";
        } catch (DomainException e) {
            model.addAttribute("policy", policy);
            model.addAttribute("error", e.getMessage());
            model.addAttribute("errorField", e.field());
            return "admin/security";
        }
    }

    @GetMapping("/admin/roles")
    String roles(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Role role,
            @RequestParam(defaultValue = "1") int page,
            Model model) {
        AccountQuery.Page result = query.search(q, null, role, page);
        model.addAttribute("result", result);
        model.addAttribute(
                "unitNames",
                units.names(result.accounts().stream().map(Account::unitId).collect(Collectors.toSet())));
        model.addAttribute("q", q);
        model.addAttribute("role", role);
        model.addAttribute("roles", Role.values());
        return "admin/roles";
    }

    @GetMapping("/admin/roles/{id}")
    String editRoles(@PathVariable long id, Model model) {
        model.addAttribute("account", accounts.get(id));
        model.addAttribute("roles", Role.values());
        return "admin/role-form";
    }

    @PostMapping("/admin/roles/{id}")
    String saveRoles(
            @PathVariable long id,
            @RequestParam int version,
            @RequestParam(required = false) Set<Role> roles,
            Model model,
            RedirectAttributes redirect) {
        try {
            accounts.setRoles(id, version, roles == null ? EnumSet.noneOf(Role.class) : roles);
            redirect.addFlashAttribute("notice", "角色已保存，该账户须重新登录");
            return "redirect:/admin/roles/" + id;
        } catch (DomainException e) {
            model.addAttribute("account", accounts.get(id));
            model.addAttribute("roles", Role.values());
            model.addAttribute("chosen", roles);
            model.addAttribute("error", e.getMessage());
            return "admin/role-form";
        }
    }
}
