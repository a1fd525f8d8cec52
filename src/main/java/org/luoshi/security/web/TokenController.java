package org.luoshi.security.web;

import org.luoshi.security.ApiTokenService;
import org.luoshi.security.CurrentUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** 接口令牌: a user's own tokens for integrations. */
@Controller
class TokenController {

    private final ApiTokenService tokens;

    TokenController(ApiTokenService tokens) {
        this.tokens = tokens;
    }

    @GetMapping("/tokens")
    String list(CurrentUser user, Model model) {
        model.addAttribute("tokens", tokens.list(user));
        return "tokens";
    }

    @PostMapping("/tokens")
    String issue(CurrentUser user, String name, RedirectAttributes redirect) {
        redirect.addFlashAttribute("secret", tokens.issue(user, name));
        return "redirect:/tokens";
    }

    @PostMapping("/tokens/{id}/revoke")
    String revoke(CurrentUser user, @PathVariable long id, RedirectAttributes redirect) {
        tokens.revoke(user, id);
        redirect.addFlashAttribute("notice", "令牌已吊销");
        return "redirect:/tokens";
    }
}
