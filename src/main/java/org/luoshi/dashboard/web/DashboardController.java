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
    Dashboard api(
            CurrentUser user,
            UnitScope scope,
            @RequestParam(required = false) Long unit,
            @RequestParam(required = false) String leader) {
        return dashboards.of(user, scope, unit == null ? dashboards.home(user, scope) : unit, leader(user, leader));
    }

    /** "me" (a leader's own portfolio, the default for a leader who is not a supervisor) or a leader's id. */
    private static Long leader(CurrentUser user, String leader) {
        if (leader == null) {
            boolean portfolio =
                    user.has(org.luoshi.security.Role.LEADER) && !user.has(org.luoshi.security.Role.SUPERVISOR);
            return portfolio ? user.id() : null;
        }
        if (leader.equals("me")) {
            return user.id();
        }
        if (leader.isBlank() || leader.equals("all")) {
            return null;
        }
        try {
            return Long.valueOf(leader);
        } catch (NumberFormatException e) {
            throw org.luoshi.DomainException.invalid("dashboard.leader", "leader", "leader 须为 me、all 或领导的 id");
        }
    }

    @GetMapping("/dashboard")
    String page(
            CurrentUser user,
            UnitScope scope,
            @RequestParam(required = false) Long unit,
            @RequestParam(required = false) String leader,
            Model model) {
        Long leaderId = leader(user, leader);
        Dashboard d = dashboards.of(user, scope, unit == null ? dashboards.home(user, scope) : unit, leaderId);
        model.addAttribute("portfolio", leaderId != null);
        model.addAttribute("d", d);
        model.addAttribute("data", json(d));
        model.addAttribute("unitOptions", units.search("", scope, 500));
        return "dashboard/page";
    }

    @GetMapping("/dashboard/screen")
    String screen(
            CurrentUser user,
            UnitScope scope,
            @RequestParam(required = false) Long unit,
            @RequestParam(required = false) String leader,
            Model model) {
        Dashboard d =
                dashboards.of(user, scope, unit == null ? dashboards.home(user, scope) : unit, leader(user, leader));
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
