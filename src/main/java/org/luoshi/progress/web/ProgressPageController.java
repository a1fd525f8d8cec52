package org.luoshi.progress.web;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.luoshi.DomainException;
import org.luoshi.item.ItemData;
import org.luoshi.item.ItemKind;
import org.luoshi.item.ItemQuery;
import org.luoshi.item.ItemStatus;
import org.luoshi.org.UnitQuery;
import org.luoshi.progress.Figures;
import org.luoshi.progress.Indicator;
import org.luoshi.progress.IndicatorService;
import org.luoshi.progress.Pace;
import org.luoshi.progress.PaceService;
import org.luoshi.progress.PaceSummary;
import org.luoshi.progress.Report;
import org.luoshi.progress.ReportInput;
import org.luoshi.progress.ReportService;
import org.luoshi.progress.ReportStatus;
import org.luoshi.progress.ReportingPeriod;
import org.luoshi.security.AccountQuery;
import org.luoshi.security.CurrentUser;
import org.luoshi.security.Role;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** 本期填报 for a unit, the review queues, and the pace overview. */
@Controller
class ProgressPageController {

    private final ReportService reports;
    private final PaceService pace;
    private final PaceSummary summary;
    private final IndicatorService indicators;
    private final ItemQuery items;
    private final UnitQuery units;
    private final AccountQuery accounts;
    private final Clock clock;
    private final org.luoshi.item.ItemService itemService;

    ProgressPageController(
            ReportService reports,
            PaceService pace,
            PaceSummary summary,
            IndicatorService indicators,
            ItemQuery items,
            UnitQuery units,
            AccountQuery accounts,
            Clock clock,
            org.luoshi.item.ItemService itemService) {
        this.itemService = itemService;
        this.reports = reports;
        this.pace = pace;
        this.summary = summary;
        this.indicators = indicators;
        this.items = items;
        this.units = units;
        this.accounts = accounts;
        this.clock = clock;
    }

    /** One row of the period page: an item, the period owed, and what is already written for it. */
    public record Row(
            ItemData item,
            ReportingPeriod period,
            LocalDate dueOn,
            Report existing,
            List<Indicator> indicators,
            Pace pace) {

        public boolean late() {
            return dueOn.isBefore(LocalDate.now());
        }

        public boolean editable() {
            return existing == null || existing.status() != ReportStatus.ACCEPTED;
        }

        public String value(long indicatorId) {
            BigDecimal v = existing == null ? null : existing.values().get(indicatorId);
            return v == null ? "" : v.stripTrailingZeros().toPlainString();
        }
    }

    @GetMapping("/progress")
    String period(CurrentUser user, Model model) {
        return render(user, model, Map.of());
    }

    private String render(CurrentUser user, Model model, Map<String, String> typed) {
        List<Row> rows = rows(user);
        model.addAttribute("rows", rows);
        model.addAttribute("typed", typed);
        model.addAttribute("unitName", units.names(List.of(user.unitId())).get(user.unitId()));
        model.addAttribute("headRequired", reports.headApprovalRequired(user.unitId()) && !user.has(Role.UNIT_HEAD));
        return "progress/period";
    }

    private List<Row> rows(CurrentUser user) {
        LocalDate today = LocalDate.now(clock);
        List<ItemData> mine = new ArrayList<>();
        for (ItemStatus s : List.of(ItemStatus.ACCEPTED, ItemStatus.IN_PROGRESS)) {
            mine.addAll(
                    items.list(user, ItemQuery.Filter.byStatus(s, 1, ItemQuery.MAX_PAGE_SIZE), null).items().stream()
                            .filter(i -> i.leadUnitId() == user.unitId())
                            .toList());
        }
        List<Long> ids = mine.stream().map(ItemData::id).toList();
        Map<Long, List<Report>> reps = reports.ofItems(ids);
        Map<Long, List<Indicator>> ind = indicators.ofItems(ids);
        Map<Long, Pace> paces = pace.of(mine);
        return mine.stream()
                .map(i -> {
                    List<Report> its = reps.getOrDefault(i.id(), List.of());
                    ReportingPeriod p = pace.owed(i, its, today);
                    Report existing = its.stream()
                            .filter(r -> r.period().equals(p.key()))
                            .findFirst()
                            .orElse(null);
                    return new Row(
                            i, p, reports.dueOn(p), existing, ind.getOrDefault(i.id(), List.of()), paces.get(i.id()));
                })
                .sorted((a, b) -> a.dueOn().compareTo(b.dueOn()))
                .toList();
    }

    /** The whole form: every filled row lands, or none, and what was typed stays on the page. */
    @PostMapping("/progress")
    String write(
            CurrentUser user,
            @RequestParam Map<String, String> form,
            @RequestParam(defaultValue = "true") boolean submit,
            jakarta.servlet.http.HttpServletRequest request,
            Model model,
            RedirectAttributes redirect) {
        Map<Long, ReportInput> byItem = new LinkedHashMap<>();
        long[] current = {0};
        try {
            for (String key : form.keySet()) {
                if (!key.startsWith("period_")) {
                    continue;
                }
                long id = Long.parseLong(key.substring("period_".length()));
                current[0] = id;
                String narrative = form.get("narrative_" + id);
                String percent = form.get("percent_" + id);
                String problems = form.get("problems_" + id);
                String next = form.get("next_" + id);
                Map<Long, BigDecimal> values = new LinkedHashMap<>();
                for (var e : form.entrySet()) {
                    String prefix = "value_" + id + "_";
                    if (e.getKey().startsWith(prefix) && !e.getValue().isBlank()) {
                        values.put(
                                Long.parseLong(e.getKey().substring(prefix.length())),
                                Figures.parse(e.getValue(), "values", "指标数值"));
                    }
                }
                if (blank(narrative) && blank(percent) && blank(problems) && blank(next) && values.isEmpty()) {
                    continue;
                }
                byItem.put(
                        id,
                        new ReportInput(
                                form.get(key),
                                narrative,
                                Figures.parse(percent, "percentComplete", "完成进度"),
                                values,
                                problems,
                                next,
                                submit,
                                null));
            }
            if (byItem.isEmpty()) {
                throw DomainException.invalid("report.empty", "narrative", "请至少填写一项事项的进展");
            }
            reports.writeAll(user, byItem, uploads(request, byItem.keySet()));
        } catch (DomainException | NumberFormatException e) {
            if (e instanceof DomainException d && d.refusesAccess()) {
                throw d;
            }
            String message = e instanceof DomainException ? e.getMessage() : "表单数据不完整，请刷新后重试";
            if (e instanceof DomainException d && d.code().equals("number")) {
                // a figure refused before the service saw the row: name the row as the service does
                String title = items.visible(user, List.of(current[0])).stream()
                        .map(ItemData::title)
                        .findFirst()
                        .orElse("");
                message = "“" + title + "”：" + message;
            }
            model.addAttribute("error", message);
            model.addAttribute("errorItem", current[0]);
            return render(user, model, form);
        }
        redirect.addFlashAttribute("notice", (submit ? "已报送 " : "已保存草稿 ") + byItem.size() + " 项事项的进展");
        return "redirect:/progress";
    }

    @GetMapping("/progress/review")
    String review(CurrentUser user, Model model) {
        List<Report> waiting = new ArrayList<>();
        if (user.has(Role.SUPERVISOR)) {
            waiting.addAll(visible(user, reports.inStatus(ReportStatus.SUBMITTED, 300)));
        }
        if (user.has(Role.UNIT_HEAD)) {
            waiting.addAll(visible(user, reports.inStatus(ReportStatus.AWAITING_HEAD, 300)).stream()
                    .filter(r -> r.unitId() == user.unitId())
                    .toList());
        }
        Map<Long, ItemData> byId =
                items
                        .visible(
                                user,
                                waiting.stream().map(Report::itemId).distinct().toList())
                        .stream()
                        .collect(Collectors.toMap(ItemData::id, i -> i));
        model.addAttribute("waiting", waiting);
        model.addAttribute("isHead", user.has(Role.UNIT_HEAD));
        model.addAttribute("headRequired", reports.headApprovalRequired(user.unitId()));
        model.addAttribute("itemsById", byId);
        model.addAttribute(
                "unitNames", units.names(waiting.stream().map(Report::unitId).collect(Collectors.toSet())));
        return "progress/review";
    }

    private List<Report> visible(CurrentUser user, List<Report> list) {
        Set<Long> ids = items
                .visible(user, list.stream().map(Report::itemId).distinct().toList())
                .stream()
                .map(ItemData::id)
                .collect(Collectors.toSet());
        return list.stream().filter(r -> ids.contains(r.itemId())).toList();
    }

    /** A unit head decides whether his unit's reports pass him first. */
    @PostMapping("/progress/settings")
    String settings(CurrentUser user, @RequestParam boolean headApproval, RedirectAttributes redirect) {
        if (!user.has(Role.UNIT_HEAD)) {
            throw DomainException.forbidden("progress.settings", "只有单位负责人可以设置本单位的报送审核");
        }
        reports.requireHeadApproval(user.unitId(), headApproval);
        redirect.addFlashAttribute("notice", headApproval ? "本单位的进展报送前须经您审核" : "本单位的进展将直接报送督查室");
        return "redirect:/progress/review";
    }

    /** A supervisor adds an indicator to an item from its page; the others stay as they are. */
    @PostMapping("/progress/items/{id}/indicators")
    String addIndicator(
            CurrentUser user,
            @PathVariable long id,
            @RequestParam Map<String, String> form,
            RedirectAttributes redirect) {
        try {
            ItemData item = itemService.get(user, id);
            if (!itemService.supervises(user, item)) {
                throw DomainException.forbidden("indicator.notAllowed", "只有辖区督查员可以修改指标");
            }
            List<Map<String, Object>> all = new ArrayList<>();
            for (Indicator i : indicators.ofItems(List.of(id)).getOrDefault(id, List.of())) {
                all.add(Map.of(
                        "id", i.id(),
                        "name", i.name(),
                        "measure", i.measure(),
                        "baseline", i.baseline(),
                        "target", i.target(),
                        "direction", i.direction().name(),
                        "accumulation", i.accumulation().name(),
                        "weight", i.weight()));
            }
            Map<String, Object> added = new LinkedHashMap<>();
            for (String k : List.of("name", "measure", "baseline", "target", "direction", "accumulation", "weight")) {
                added.put(k, form.get(k));
            }
            all.add(added);
            indicators.set(id, all);
            redirect.addFlashAttribute("notice", "已添加指标：" + form.get("name"));
        } catch (DomainException e) {
            if (e.refusesAccess()) {
                throw e;
            }
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/items/" + id;
    }

    @PostMapping("/progress/reports/{id}/review")
    String decide(
            CurrentUser user,
            @PathVariable long id,
            @RequestParam boolean accept,
            @RequestParam(required = false) String comment,
            @RequestParam(required = false) Integer version,
            @RequestParam(required = false) Long back,
            RedirectAttributes redirect) {
        try {
            reports.review(user, id, accept, comment, version);
            redirect.addFlashAttribute("notice", accept ? "已采纳" : "已退回");
        } catch (DomainException e) {
            if (e.refusesAccess()) {
                throw e;
            }
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return back == null ? "redirect:/progress/review" : "redirect:/items/" + back;
    }

    @PostMapping("/progress/reports/{id}/approve")
    String approve(
            CurrentUser user,
            @PathVariable long id,
            @RequestParam boolean approve,
            @RequestParam(required = false) String comment,
            @RequestParam(required = false) Long back,
            RedirectAttributes redirect) {
        try {
            reports.approve(user, id, approve, comment);
            redirect.addFlashAttribute("notice", approve ? "已审核通过，报送督查室" : "已退回联络员");
        } catch (DomainException e) {
            if (e.refusesAccess()) {
                throw e;
            }
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return back == null ? "redirect:/progress/review" : "redirect:/items/" + back;
    }

    /** 时间进度总览: tallies per unit, per lead leader and per kind, and the red items. */
    @GetMapping("/pace")
    String overview(CurrentUser user, Model model) {
        Map<ItemData, Pace> all = summary.openWithPace(user);
        Map<Long, String> leaders = accounts.namesWithRole(Role.LEADER);
        Set<Long> unitIds =
                all.keySet().stream().map(ProgressPageController::topUnit).collect(Collectors.toSet());
        Map<Long, String> unitNames = units.names(unitIds);
        model.addAttribute(
                "byUnit",
                summary.group(all, i -> Long.toString(topUnit(i)), k -> unitNames.getOrDefault(Long.parseLong(k), k)));
        model.addAttribute(
                "byLeader",
                summary.group(
                        all,
                        i -> i.leadLeaderId() == null ? null : i.leadLeaderId().toString(),
                        k -> leaders.getOrDefault(Long.parseLong(k), k)));
        model.addAttribute(
                "byKind",
                summary.group(
                        all, i -> i.kind().name(), k -> ItemKind.valueOf(k).label()));
        model.addAttribute(
                "red",
                all.entrySet().stream()
                        .filter(e -> e.getValue() != null
                                && e.getValue().warning().name().equals("RED"))
                        .sorted((a, b) ->
                                b.getValue().lagPoints() - a.getValue().lagPoints())
                        .limit(50)
                        .toList());
        model.addAttribute(
                "redUnitNames",
                units.names(all.keySet().stream().map(ItemData::leadUnitId).collect(Collectors.toSet())));
        return "progress/overview";
    }

    /** The unit directly under the city (a county or a department) that an item's lead unit lies in. */
    static long topUnit(ItemData item) {
        String[] parts = item.leadUnitPath().split("/");
        // "/1/7/42/" splits into "", "1", "7", "42"
        return Long.parseLong(parts.length > 2 ? parts[2] : parts[1]);
    }

    /** Files chosen for the rows being sent ({@code files_<itemId>}); empty parts are no file. */
    private static Map<Long, List<org.luoshi.item.EvidenceService.Upload>> uploads(
            jakarta.servlet.http.HttpServletRequest request, Set<Long> items) {
        if (!(request instanceof org.springframework.web.multipart.MultipartHttpServletRequest multipart)) {
            return Map.of();
        }
        Map<Long, List<org.luoshi.item.EvidenceService.Upload>> out = new LinkedHashMap<>();
        for (Long id : items) {
            for (var f : multipart.getFiles("files_" + id)) {
                if (f.isEmpty()) {
                    continue;
                }
                try {
                    out.computeIfAbsent(id, k -> new ArrayList<>())
                            .add(new org.luoshi.item.EvidenceService.Upload(f.getOriginalFilename(), f.getBytes()));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }
        return out;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
