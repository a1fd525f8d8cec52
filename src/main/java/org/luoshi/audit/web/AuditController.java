package org.luoshi.audit.web;

import org.luoshi.audit.AuditFilter;
import org.luoshi.audit.AuditOutcome;
import org.luoshi.audit.AuditQuery;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** 审计日志: read-only, for the audit administrator alone. */
@Controller
class AuditController {

    private final AuditQuery query;

    AuditController(AuditQuery query) {
        this.query = query;
    }

    @GetMapping("/audit")
    String trail(AuditFilter filter, Model model) {
        model.addAttribute("filter", filter);
        model.addAttribute("result", query.find(filter));
        model.addAttribute("actions", query.actions());
        model.addAttribute("outcomes", AuditOutcome.values());
        model.addAttribute("archives", query.archives());
        return "audit/trail";
    }
}
