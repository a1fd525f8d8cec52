package org.luoshi.security.web;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.luoshi.DomainException;
import org.luoshi.org.UnitQuery;
import org.luoshi.org.UnitScope;
import org.luoshi.security.Account;
import org.luoshi.security.AccountQuery;
import org.luoshi.security.AccountService;
import org.luoshi.security.NewAccount;
import org.luoshi.security.Role;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** 账户管理: the system administrator opens, edits, disables and resets business accounts. */
@Controller
@RequestMapping("/admin/accounts")
class AccountAdminController {

    private final AccountService accounts;
    private final AccountQuery query;
    private final UnitQuery units;

    AccountAdminController(AccountService accounts, AccountQuery query, UnitQuery units) {
        this.accounts = accounts;
        this.query = query;
        this.units = units;
    }

    @GetMapping
    String list(
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Long unit,
            @RequestParam(required = false) Role role,
            @RequestParam(defaultValue = "1") int page,
            Model model) {
        AccountQuery.Page result = query.search(q, unit, role, page);
        model.addAttribute("result", result);
        model.addAttribute(
                "unitNames",
                units.names(result.accounts().stream().map(Account::unitId).collect(Collectors.toSet())));
        model.addAttribute("q", q);
        model.addAttribute("unit", unit);
        model.addAttribute("role", role);
        model.addAttribute("roles", Role.values());
        return "admin/accounts";
    }

    @GetMapping("/new")
    String blank(@RequestParam(required = false) Long unit, Model model) {
        model.addAttribute("form", new AccountForm(null, 0, "", "", "", unit, Set.of(Role.LIAISON), ""));
        return form(model);
    }

    @PostMapping
    String create(AccountForm form, Model model, RedirectAttributes redirect) {
        try {
            Account created = accounts.create(
                    new NewAccount(
                            form.username(),
                            form.displayName(),
                            form.title(),
                            unitOrZero(form),
                            form.rolesOrEmpty(),
                            form.password()),
                    false);
            redirect.addFlashAttribute("notice", "已创建账户 " + created.username() + "，初始密码须在首次登录时修改");
            return "redirect:/admin/accounts/" + created.id();
        } catch (DomainException e) {
            model.addAttribute("form", form);
            model.addAttribute("error", e.getMessage());
            model.addAttribute("errorField", e.field());
            return form(model);
        }
    }

    @GetMapping("/{id}")
    String edit(@PathVariable long id, Model model) {
        Account a = accounts.get(id);
        model.addAttribute("account", a);
        model.addAttribute(
                "form",
                new AccountForm(
                        a.id(), a.version(), a.username(), a.displayName(), a.title(), a.unitId(), a.roles(), null));
        return form(model);
    }

    @PostMapping("/{id}")
    String update(@PathVariable long id, AccountForm form, Model model, RedirectAttributes redirect) {
        try {
            accounts.updateProfile(id, form.version(), form.displayName(), form.title(), unitOrZero(form));
            redirect.addFlashAttribute("notice", "已保存");
            return "redirect:/admin/accounts/" + id;
        } catch (DomainException e) {
            model.addAttribute("account", accounts.get(id));
            model.addAttribute("form", form);
            model.addAttribute("error", e.getMessage());
            model.addAttribute("errorField", e.field());
            return form(model);
        }
    }

    @PostMapping("/{id}/enabled")
    String enable(@PathVariable long id, @RequestParam boolean enabled, RedirectAttributes redirect) {
        Account a = accounts.setEnabled(id, enabled);
        redirect.addFlashAttribute(
                "notice", (enabled ? "已启用 " : "已停用 ") + a.username() + (enabled ? "" : "，其会话和接口令牌同时失效"));
        return "redirect:/admin/accounts/" + id;
    }

    @PostMapping("/{id}/reset-password")
    String reset(@PathVariable long id, RedirectAttributes redirect) {
        redirect.addFlashAttribute("temporaryPassword", accounts.resetPassword(id));
        return "redirect:/admin/accounts/" + id;
    }

    @PostMapping("/{id}/unlock")
    String unlock(@PathVariable long id, RedirectAttributes redirect) {
        accounts.unlock(id);
        redirect.addFlashAttribute("notice", "已解锁");
        return "redirect:/admin/accounts/" + id;
    }

    private String form(Model model) {
        AccountForm form = (AccountForm) model.getAttribute("form");
        model.addAttribute("businessRoles", Role.BUSINESS);
        model.addAttribute(
                "selectedUnit",
                form.unitId() == null
                        ? null
                        : units.find(form.unitId(), UnitScope.all()).orElse(null));
        return "admin/account-form";
    }

    private static long unitOrZero(AccountForm form) {
        return form.unitId() == null ? 0 : form.unitId();
    }

    record AccountForm(
            Long id,
            int version,
            String username,
            String displayName,
            String title,
            Long unitId,
            Set<Role> roles,
            String password) {

        Set<Role> rolesOrEmpty() {
            return roles == null || roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
        }

        public List<String> roleNames() {
            return roles == null ? List.of() : roles.stream().map(Role::name).toList();
        }
    }
}
