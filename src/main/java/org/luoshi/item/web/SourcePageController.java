package org.luoshi.item.web;

import java.time.LocalDate;
import org.luoshi.DomainException;
import org.luoshi.item.NewSource;
import org.luoshi.item.SourceKind;
import org.luoshi.item.SourceService;
import org.luoshi.security.CurrentUser;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** 来源 as a page: the list with how many items answer each, and registration for supervisors. */
@Controller
class SourcePageController {

    private final SourceService sources;

    SourcePageController(SourceService sources) {
        this.sources = sources;
    }

    @GetMapping("/sources")
    String list(
            @RequestParam(required = false) SourceKind kind, @RequestParam(required = false) String q, Model model) {
        model.addAttribute("sources", sources.list(kind, q, 300));
        model.addAttribute("kinds", SourceKind.values());
        model.addAttribute("kind", kind);
        model.addAttribute("q", q);
        return "items/sources";
    }

    @PostMapping("/sources")
    String create(
            CurrentUser user,
            SourceKind kind,
            String title,
            String docNumber,
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate issuedOn,
            String leaderName,
            RedirectAttributes redirect) {
        try {
            var s = sources.create(user, new NewSource(kind, title, docNumber, issuedOn, leaderName));
            redirect.addFlashAttribute("notice", "已登记来源：" + s.title());
        } catch (DomainException e) {
            if (e.kind() == DomainException.Kind.FORBIDDEN) {
                throw e;
            }
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/sources";
    }
}
