package org.luoshi.security.web;

import org.luoshi.DomainException;
import org.luoshi.security.AccountService;
import org.luoshi.security.CurrentUser;
import org.luoshi.security.SecurityPolicyService;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** 修改密码: the owner's own, and the forced change after an initial or reset password. */
@Controller
class PasswordController {

    private final AccountService accounts;
    private final SecurityPolicyService policies;

    PasswordController(AccountService accounts, SecurityPolicyService policies) {
        this.accounts = accounts;
        this.policies = policies;
    }

    @GetMapping("/password")
    String form(CurrentUser user, Model model) {
        model.addAttribute("forced", user.passwordChangeDue());
        model.addAttribute("policy", policies.current());
        return "password";
    }

    @PostMapping("/password")
    String change(
            CurrentUser user,
            String currentPassword,
            String newPassword,
            String confirmPassword,
            jakarta.servlet.http.HttpServletRequest request,
            Model model,
            RedirectAttributes redirect) {
        if (newPassword == null || !newPassword.equals(confirmPassword)) {
            return refuse(user, model, "confirmPassword", "两次输入的新密码不一致");
        }
        try {
            accounts.changeOwnPassword(user.id(), currentPassword, newPassword);
        } catch (DomainException e) {
            return refuse(user, model, e.field(), e.getMessage());
        }
        // the session's principal no longer needs the change
        var auth = SecurityContextHolder.getContext().getAuthentication();
        var updated = user.withPasswordChanged();
        var replaced = UsernamePasswordAuthenticationToken.authenticated(updated, null, auth.getAuthorities());
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(replaced);
        SecurityContextHolder.setContext(context);
        request.getSession().setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, context);
        redirect.addFlashAttribute("notice", "密码已修改");
        return "redirect:/";
    }

    private String refuse(CurrentUser user, Model model, String field, String message) {
        model.addAttribute("forced", user.passwordChangeDue());
        model.addAttribute("policy", policies.current());
        model.addAttribute("error", message);
        model.addAttribute("errorField", field);
        return "password";
    }
}
