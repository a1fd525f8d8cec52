package org.luoshi.progress.web;

import java.math.BigDecimal;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.luoshi.DomainException;
import org.luoshi.progress.PaceSummary;
import org.luoshi.progress.Report;
import org.luoshi.progress.ReportInput;
import org.luoshi.progress.ReportService;
import org.luoshi.security.CurrentUser;
import org.luoshi.security.Role;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/items/{id}/reports}, report decisions, and a unit's pace by colour. */
@RestController
class ProgressApiController {

    private final ReportService reports;
    private final PaceSummary summary;
    private final org.luoshi.progress.IndicatorService indicators;
    private final org.luoshi.item.ItemService items;

    ProgressApiController(
            ReportService reports,
            PaceSummary summary,
            org.luoshi.progress.IndicatorService indicators,
            org.luoshi.item.ItemService items) {
        this.reports = reports;
        this.summary = summary;
        this.indicators = indicators;
        this.items = items;
    }

    @GetMapping("/api/v1/items/{id}/reports")
    Map<String, Object> list(CurrentUser user, @PathVariable long id) {
        return Map.of(
                "reports",
                reports.ofItem(user, id).stream()
                        .map(ProgressApiController::json)
                        .toList());
    }

    @PostMapping("/api/v1/items/{id}/reports")
    ResponseEntity<Map<String, Object>> write(
            CurrentUser user, @PathVariable long id, @RequestBody Map<String, Object> body) {
        Report r = reports.write(user, id, input(body));
        return ResponseEntity.created(URI.create("/api/v1/reports/" + r.id())).body(json(r));
    }

    @GetMapping("/api/v1/reports/{id}/revisions")
    Map<String, Object> revisions(CurrentUser user, @PathVariable long id) {
        return Map.of("revisions", reports.revisions(user, id));
    }

    /** {@code approve} by the unit head; {@code accept} or {@code return} by the supervisor. */
    @PostMapping("/api/v1/reports/{id}/{action}")
    Map<String, Object> decide(
            CurrentUser user,
            @PathVariable long id,
            @PathVariable String action,
            @RequestBody(required = false) Map<String, Object> body) {
        Map<String, Object> b = body == null ? Map.of() : body;
        String comment = b.get("comment") == null ? null : b.get("comment").toString();
        Integer version = b.get("version") instanceof Number n ? n.intValue() : null;
        Report r = switch (action) {
            case "approve" -> reports.approve(user, id, !Boolean.FALSE.equals(b.get("approve")), comment);
            case "accept" -> reports.review(user, id, true, comment, version);
            case "return" -> reports.review(user, id, false, comment, version);
            default -> throw DomainException.notFound("report.action", "未知的操作：{0}", action);
        };
        return json(r);
    }

    /** Edits an item's indicators: a supervisor of its jurisdiction, while it is not closed. */
    @PutMapping("/api/v1/items/{id}/indicators")
    Map<String, Object> indicators(CurrentUser user, @PathVariable long id, @RequestBody Map<String, Object> body) {
        var item = items.get(user, id);
        if (!items.supervises(user, item)) {
            throw DomainException.forbidden("indicator.notAllowed", "只有辖区督查员可以修改指标");
        }
        if (!item.status().open() && item.status() != org.luoshi.item.ItemStatus.DRAFT) {
            throw DomainException.conflict(
                    "indicator.state", "事项当前状态为“{0}”，不能修改指标", item.status().label());
        }
        indicators.set(id, body.get("indicators"));
        return Map.of(
                "indicators",
                indicators.ofItems(List.of(id)).getOrDefault(id, List.of()).stream()
                        .map(org.luoshi.progress.IndicatorJson::of)
                        .toList());
    }

    @GetMapping("/api/v1/units/{id}/pace")
    Map<String, Object> unitPace(CurrentUser user, @PathVariable long id) {
        return summary.ofUnit(user, id).json();
    }

    /** Settings of a unit's reporting: whether its head approves reports first. */
    @PutMapping("/api/v1/units/{id}/report-settings")
    Map<String, Object> settings(CurrentUser user, @PathVariable long id, @RequestBody Map<String, Object> body) {
        if (!user.has(Role.SUPERVISOR) && !user.has(Role.SYSTEM_ADMIN)) {
            throw DomainException.forbidden("progress.settings", "只有督查员或系统管理员可以设置单位的填报审核");
        }
        summary.requireUnit(user, id);
        boolean required = Boolean.TRUE.equals(body.get("headApprovalRequired"));
        reports.requireHeadApproval(id, required);
        return Map.of("unitId", id, "headApprovalRequired", required);
    }

    static ReportInput input(Map<String, Object> body) {
        Map<Long, BigDecimal> values = new LinkedHashMap<>();
        Object raw = body.get("values");
        if (raw != null && !(raw instanceof List<?>)) {
            throw DomainException.invalid("report.values", "values", "values 须为数组：['{'\"indicatorId\", \"value\"'}']");
        }
        if (raw instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                if (!(list.get(i) instanceof Map<?, ?> m)) {
                    throw DomainException.invalid("report.values", "values", "values 的第{0}项须为对象", i + 1);
                }
                BigDecimal id = org.luoshi.progress.Figures.parse(
                        m.get("indicatorId"), "values", "第" + (i + 1) + "项的 indicatorId");
                if (id == null) {
                    throw DomainException.invalid("report.values", "values", "values 的第{0}项缺少 indicatorId", i + 1);
                }
                values.put(
                        id.longValue(),
                        org.luoshi.progress.Figures.parse(m.get("value"), "values", "第" + (i + 1) + "项指标的数值"));
            }
        }
        Object version = body.get("version");
        return new ReportInput(
                text(body.get("period")),
                text(body.get("narrative")),
                org.luoshi.progress.Figures.parse(body.get("percentComplete"), "percentComplete", "完成进度"),
                values,
                text(body.get("problems")),
                text(body.get("nextSteps")),
                !Boolean.FALSE.equals(body.get("submit")),
                version instanceof Number n ? n.intValue() : null,
                fileIds(body.get("fileIds")));
    }

    static Map<String, Object> json(Report r) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("id", r.id());
        j.put("itemId", r.itemId());
        j.put("period", r.period());
        j.put("periodStart", r.periodStart());
        j.put("periodEnd", r.periodEnd());
        j.put("dueOn", r.dueOn());
        j.put("status", r.status().name());
        j.put("statusLabel", r.status().label());
        j.put("narrative", r.narrative());
        j.put("percentComplete", r.percentComplete());
        j.put("problems", r.problems());
        j.put("nextSteps", r.nextSteps());
        j.put(
                "values",
                r.values().entrySet().stream()
                        .map(e -> Map.of("indicatorId", e.getKey(), "value", e.getValue()))
                        .toList());
        j.put(
                "files",
                r.files().entrySet().stream()
                        .map(e -> Map.of("id", e.getKey(), "name", e.getValue()))
                        .toList());
        j.put("revision", r.revision());
        j.put("submittedAt", r.submittedAt());
        j.put("submittedBy", r.submittedBy());
        j.put("late", r.late());
        j.put("decidedBy", r.decidedBy());
        j.put("decisionComment", r.decisionComment());
        j.put("version", r.version());
        return j;
    }

    private static List<Long> fileIds(Object raw) {
        if (raw == null) {
            return List.of();
        }
        if (!(raw instanceof List<?> list)) {
            throw DomainException.invalid("report.files", "fileIds", "fileIds 须为整数数组");
        }
        return list.stream()
                .map(o -> {
                    BigDecimal n = org.luoshi.progress.Figures.parse(o, "fileIds", "文件编号");
                    if (n == null) {
                        throw DomainException.invalid("report.files", "fileIds", "fileIds 须为整数数组");
                    }
                    return n.longValue();
                })
                .toList();
    }

    private static String text(Object o) {
        return o == null ? null : o.toString();
    }
}
