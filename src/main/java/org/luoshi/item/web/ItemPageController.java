package org.luoshi.item.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.luoshi.DomainException;
import org.luoshi.item.Cadence;
import org.luoshi.item.ClosureRating;
import org.luoshi.item.ItemData;
import org.luoshi.item.ItemKind;
import org.luoshi.item.ItemLevel;
import org.luoshi.item.ItemQuery;
import org.luoshi.item.ItemService;
import org.luoshi.item.ItemStatus;
import org.luoshi.item.NewItem;
import org.luoshi.org.Unit;
import org.luoshi.org.UnitQuery;
import org.luoshi.org.UnitScope;
import org.luoshi.security.CurrentUser;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** 督办台账 and the item page: the same services as the API, as pages. */
@Controller
class ItemPageController {

    private static final int PAGE_SIZE = 30;

    private final ItemService service;
    private final org.luoshi.item.EvidenceService evidence;
    private final ItemQuery query;
    private final UnitQuery units;
    private final Clock clock;

    ItemPageController(
            ItemService service,
            org.luoshi.item.EvidenceService evidence,
            ItemQuery query,
            UnitQuery units,
            Clock clock) {
        this.service = service;
        this.evidence = evidence;
        this.query = query;
        this.units = units;
        this.clock = clock;
    }

    @GetMapping("/items")
    String ledger(
            CurrentUser user,
            @RequestParam(required = false) ItemStatus status,
            @RequestParam(required = false) ItemKind kind,
            @RequestParam(required = false) Boolean overdue,
            @RequestParam(required = false) ItemLevel level,
            @RequestParam(required = false) ItemQuery.Sort sort,
            @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "1") int page,
            Model model) {
        var result = query.list(
                user,
                new ItemQuery.Filter(status, kind, level, null, null, overdue, null, null, q, sort, page, PAGE_SIZE),
                null);
        model.addAttribute("level", level);
        model.addAttribute("levels", ItemLevel.values());
        model.addAttribute("sort", sort);
        model.addAttribute("result", result);
        model.addAttribute(
                "unitNames",
                units.names(result.items().stream().map(ItemData::leadUnitId).collect(Collectors.toSet())));
        model.addAttribute("today", LocalDate.now(clock));
        model.addAttribute(
                "unsigned",
                result.items().stream()
                        .filter(service::signOverdue)
                        .map(ItemData::id)
                        .collect(Collectors.toSet()));
        model.addAttribute("status", status);
        model.addAttribute("kind", kind);
        model.addAttribute("overdue", overdue);
        model.addAttribute("q", q);
        model.addAttribute("page", Math.max(page, 1));
        model.addAttribute("hasNext", (long) Math.max(page, 1) * PAGE_SIZE < result.total());
        model.addAttribute("statuses", ItemStatus.values());
        model.addAttribute("kinds", ItemKind.values());
        return "items/ledger";
    }

    @GetMapping("/items/new")
    String blank(UnitScope scope, Model model) {
        model.addAttribute("units", units.search("", scope, 500));
        model.addAttribute("kinds", ItemKind.values());
        model.addAttribute("levels", ItemLevel.values());
        model.addAttribute("cadences", Cadence.values());
        return "items/new";
    }

    @PostMapping("/items")
    String create(
            CurrentUser user,
            String title,
            String content,
            ItemKind kind,
            ItemLevel level,
            Cadence cadence,
            Long leadUnitId,
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate deadline,
            Integer deadlineDays,
            @RequestParam(required = false) List<Long> coUnitIds,
            UnitScope scope,
            Model model,
            RedirectAttributes redirect) {
        try {
            ItemData created = service.create(
                    user,
                    new NewItem(
                            title,
                            content,
                            kind,
                            level,
                            cadence,
                            leadUnitId,
                            null,
                            null,
                            deadline,
                            deadlineDays,
                            null));
            redirect.addFlashAttribute("notice", "已立项 " + created.code());
            return "redirect:/items/" + created.id();
        } catch (DomainException e) {
            model.addAttribute("error", e.getMessage());
            model.addAttribute("errorField", e.field());
            model.addAttribute(
                    "form", Map.of("title", title == null ? "" : title, "content", content == null ? "" : content));
            return blank(scope, model);
        }
    }

    @GetMapping("/items/{id}")
    String item(CurrentUser user, @PathVariable long id, Model model) {
        ItemData item = service.get(user, id);
        Unit lead = units.find(item.leadUnitId(), UnitScope.all()).orElse(null);
        model.addAttribute("item", item);
        model.addAttribute("leadUnit", lead);
        model.addAttribute(
                "coUnits",
                units.names(query.coUnits(id)).values().stream().sorted().toList());
        model.addAttribute("overdue", item.overdueOn(LocalDate.now(clock)));
        model.addAttribute("signOverdue", service.signOverdue(item));
        model.addAttribute("actions", service.actionsFor(user, item));
        model.addAttribute("timeline", query.timeline(id));
        model.addAttribute("files", evidence.list(user, id));
        List<Long> children = query.children(id);
        model.addAttribute("children", children.isEmpty() ? List.of() : query.visible(user, children));
        model.addAttribute("ratings", ClosureRating.values());
        model.addAttribute("subUnits", units.children(item.leadUnitId(), UnitScope.all()));
        model.addAttribute(
                "rollUp",
                children.isEmpty()
                        ? Map.of()
                        : query.visible(user, children).stream()
                                .collect(Collectors.groupingBy(
                                        c -> c.status().label(), java.util.TreeMap::new, Collectors.counting())));
        return "items/item";
    }

    @PostMapping("/items/{id}/{action}")
    String act(
            CurrentUser user,
            @PathVariable long id,
            @PathVariable String action,
            @RequestParam(required = false) Integer version,
            @RequestParam(required = false) String reason,
            @RequestParam(required = false) String text,
            @RequestParam(required = false) Boolean decision,
            @RequestParam(required = false) ClosureRating rating,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate deadline,
            @RequestParam(required = false) List<Long> unitIds,
            RedirectAttributes redirect) {
        try {
            switch (action) {
                case "dispatch" -> service.dispatch(user, id, version);
                case "accept" -> service.accept(user, id, version);
                case "dispute" -> service.dispute(user, id, version, reason);
                case "request-extension" -> service.requestExtension(user, id, version, deadline, reason);
                case "decide-extension" ->
                    service.decideExtension(user, id, version, Boolean.TRUE.equals(decision), reason);
                case "request-closure" -> service.requestClosure(user, id, version, reason);
                case "judge-closure" ->
                    service.judgeClosure(user, id, version, Boolean.TRUE.equals(decision), rating, reason);
                case "reopen" -> service.reopen(user, id, version, reason);
                case "cancel" -> service.cancel(user, id, version, reason);
                case "comment" -> service.comment(user, id, text);
                case "decompose" ->
                    service.decompose(
                            user,
                            id,
                            unitIds == null
                                    ? List.of()
                                    : unitIds.stream()
                                            .map(u -> new ItemService.ChildSpec(u, deadline, null))
                                            .toList());
                default -> throw DomainException.notFound("item.action.unknown", "未知的操作：{0}", action);
            }
            redirect.addFlashAttribute("notice", "操作成功");
        } catch (DomainException e) {
            if (e.kind() == DomainException.Kind.NOT_FOUND) {
                throw e;
            }
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/items/" + id;
    }
}
