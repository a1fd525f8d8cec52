package org.luoshi.web;

import org.luoshi.org.Unit;
import org.luoshi.org.UnitQuery;
import org.luoshi.org.UnitScope;
import org.luoshi.security.AccountService;
import org.luoshi.security.CurrentUser;
import org.luoshi.security.Role;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** 首页: who I am, where I sit in the tree, what I may see and do. */
@Controller
class HomeController {

    private final UnitQuery units;
    private final AccountService accounts;

    HomeController(UnitQuery units, AccountService accounts) {
        this.units = units;
        this.accounts = accounts;
    }

    @GetMapping("/")
    String home(CurrentUser me, UnitScope scope, Model model) {
        Unit unit = units.get(me.unitId(), UnitScope.all());
        model.addAttribute("unit", unit);
        model.addAttribute("lineage", units.lineage(unit));
        model.addAttribute("account", accounts.get(me.id()));
        if (!me.isAdministrator()) {
            model.addAttribute("scopeCounts", units.countByKind(scope));
            model.addAttribute("scopeTops", units.children(null, scope));
        }
        if (me.has(Role.SUPERVISOR)) {
            model.addAttribute("jurisdiction", units.jurisdictionOf(unit));
        }
        return "home";
    }
}
