package org.luoshi.progress.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.luoshi.item.ItemData;
import org.luoshi.item.ItemPanel;
import org.luoshi.item.ItemService;
import org.luoshi.item.ItemStatus;
import org.luoshi.progress.IndicatorService;
import org.luoshi.progress.PaceService;
import org.luoshi.progress.Report;
import org.luoshi.progress.ReportService;
import org.luoshi.security.CurrentUser;
import org.luoshi.security.Role;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** The item page's progress card: pace, indicators, and the reports with what this user may do. */
@Component
@Order(1)
class ProgressPanel implements ItemPanel {

    private final PaceService pace;
    private final IndicatorService indicators;
    private final ReportService reports;
    private final ItemService items;
    private final Clock clock;

    ProgressPanel(
            PaceService pace, IndicatorService indicators, ReportService reports, ItemService items, Clock clock) {
        this.pace = pace;
        this.indicators = indicators;
        this.reports = reports;
        this.items = items;
        this.clock = clock;
    }

    @Override
    public String template() {
        return "progress/panel";
    }

    @Override
    public Map<String, Object> model(CurrentUser user, ItemData item) {
        Map<String, Object> m = new HashMap<>();
        List<Report> mine = reports.ofItem(user, item.id());
        LocalDate today = LocalDate.now(clock);
        m.put("pace", pace.of(List.of(item), Map.of(item.id(), mine)).get(item.id()));
        m.put("indicators", indicators.ofItems(List.of(item.id())).getOrDefault(item.id(), List.of()));
        m.put("reports", mine);
        m.put("missing", pace.missing(item, mine, today));
        boolean reporter = user.unitId() == item.leadUnitId()
                && (user.has(Role.LIAISON) || user.has(Role.UNIT_HEAD))
                && (item.status() == ItemStatus.ACCEPTED || item.status() == ItemStatus.IN_PROGRESS);
        m.put("canReport", reporter);
        m.put("owed", reporter ? pace.owed(item, mine, today) : null);
        m.put("canReview", items.supervises(user, item));
        m.put(
                "canEditIndicators",
                items.supervises(user, item)
                        && item.status() != ItemStatus.CLOSED
                        && item.status() != ItemStatus.CANCELLED);
        m.put("directions", org.luoshi.progress.Direction.values());
        m.put("accumulations", org.luoshi.progress.Accumulation.values());
        m.put("canApprove", user.has(Role.UNIT_HEAD) && user.unitId() == item.leadUnitId());
        return m;
    }
}
