package org.luoshi.dashboard.web;

import org.luoshi.dashboard.Dashboard;
import org.luoshi.dashboard.DashboardService;
import org.luoshi.org.UnitQuery;
import org.luoshi.org.UnitScope;
import org.luoshi.security.CurrentUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * 指挥调度: the dashboard on a desk ({@code /dashboard}), on the command centre's wall
 * ({@code /dashboard/screen}: dark, large, refreshing itself) and as JSON ({@code /api/v1/dashboard}).
 */
@Controller
class DashboardController {

    private final DashboardService dashboards;
    private final UnitQuery units;

    DashboardController(DashboardService dashboards, UnitQuery units) {
        this.dashboards = dashboards;
        this.units = units;
    }

    @GetMapping("/api/v1/dashboard")
    @ResponseBody
    Dashboard api(CurrentUser user, UnitScope scope, @RequestParam(required = false) Long unit) {
        return dashboards.of(user, scope, unit == null ? dashboards.home(user, scope) : unit);
    }

    @GetMapping("/dashboard")
    String page(CurrentUser user, UnitScope scope, @RequestParam(required = false) Long unit, Model model) {
        Dashboard d = dashboards.of(user, scope, unit == null ? dashboards.home(user, scope) : unit);
        model.addAttribute("d", d);
        model.addAttribute("data", json(d));
        model.addAttribute("unitOptions", units.search("", scope, 500));
        return "dashboard/page";
    }

    @GetMapping("/dashboard/screen")
    String screen(CurrentUser user, UnitScope scope, @RequestParam(required = false) Long unit, Model model) {
        Dashboard d = dashboards.of(user, scope, unit == null ? dashboards.home(user, scope) : unit);
        model.addAttribute("d", d);
        model.addAttribute("data", json(d));
        return "dashboard/screen";
    }

    private static final tools.jackson.databind.json.JsonMapper JSON =
            tools.jackson.databind.json.JsonMapper.builder().build();

    /** The numbers for the charts, as a JSON block the page's script reads (inline scripts are not allowed). */
    private static String json(Dashboard d) {
        return JSON.writeValueAsString(d).replace("</", "<\\/");
    }
}
