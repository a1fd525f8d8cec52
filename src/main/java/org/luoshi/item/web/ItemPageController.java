package org.luoshi.item.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.luoshi.DomainException;
import org.luoshi.item.Cadence;
import org.luoshi.item.ClosureRating;
import org.luoshi.item.EvidenceService;
import org.luoshi.item.ItemData;
import org.luoshi.item.ItemKind;
import org.luoshi.item.ItemLevel;
import org.luoshi.item.ItemQuery;
import org.luoshi.item.ItemService;
import org.luoshi.item.ItemStatus;
import org.luoshi.item.SourceService;
import org.luoshi.org.Unit;
import org.luoshi.org.UnitQuery;
import org.luoshi.org.UnitScope;
import org.luoshi.security.AccountQuery;
import org.luoshi.security.CurrentUser;
import org.luoshi.security.Role;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** 督办台账 and the item page: the same services as the API, as pages. */
@Controller
class ItemPageController {

    private static final int PAGE_SIZE = 30;

    private final ItemService service;
    private final EvidenceService evidence;
    private final SourceService sources;
    private final ItemQuery query;
    private final UnitQuery units;
    private final AccountQuery accounts;
    private final LedgerExport export;
    private final Clock clock;
    private final List<org.luoshi.item.ItemPanel> panels;

    ItemPageController(
            ItemService service,
            EvidenceService evidence,
            SourceService sources,
            ItemQuery query,
            UnitQuery units,
            AccountQuery accounts,
            LedgerExport export,
            Clock clock,
            List<org.luoshi.item.ItemPanel> panels) {
        this.panels = panels;
        this.service = service;
        this.evidence = evidence;
        this.sources = sources;
        this.query = query;
        this.units = units;
        this.accounts = accounts;
        this.export = export;
        this.clock = clock;
    }

    @GetMapping("/items")
    String ledger(CurrentUser user, UnitScope scope, LedgerParams params, Model model) {
        var result = query.listCapped(
                user, params.filter(params.pageNumber(), PAGE_SIZE), unitPath(params), ItemQuery.COUNT_CAP);
        model.addAttribute("p", params);
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
        model.addAttribute("hasNext", result.hasNext());
        model.addAttribute("directRows", LedgerExportRuns.DIRECT_ROWS);
        model.addAttribute("statuses", ItemStatus.values());
        model.addAttribute("kinds", ItemKind.values());
        model.addAttribute("levels", ItemLevel.values());
        model.addAttribute("unitOptions", units.search("", scope, 500));
        model.addAttribute("leaders", accounts.namesWithRole(Role.LEADER));
        model.addAttribute("sourceOptions", sources.list(null, null, 200));
        model.addAttribute("extra", service.describe(result.items()));
        return "items/ledger";
    }

    /** The current ledger view as .xlsx, under the same filter and scope as the screen. */
    @GetMapping("/items/export.xlsx")
    ResponseEntity<byte[]> export(CurrentUser user, LedgerParams params) {
        LocalDate today = LocalDate.now(clock);
        byte[] xlsx = export.write(user, params, unitPath(params), today);
        String name = URLEncoder.encode("督办台账-" + today + ".xlsx", StandardCharsets.UTF_8)
                .replace("+", "%20");
        return ResponseEntity.ok()
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"ledger-" + today + ".xlsx\"; filename*=UTF-8''" + name)
                .contentType(MediaType.parseMediaType(LedgerExport.XLSX))
                .body(xlsx);
    }

    private String unitPath(LedgerParams params) {
        return params.unit() == null
                ? null
                : units.find(params.unit(), UnitScope.all())
                        .map(u -> u.path().value())
                        .orElse("/none/");
    }

    @GetMapping("/items/new")
    String blank(UnitScope scope, Model model) {
        return form(scope, model, ItemForm.blank(), null);
    }

    private String form(UnitScope scope, Model model, ItemForm form, ItemData editing) {
        model.addAttribute("form", form);
        model.addAttribute("editing", editing);
        model.addAttribute("units", units.search("", scope, 500));
        model.addAttribute("leaders", accounts.namesWithRole(Role.LEADER));
        model.addAttribute("sourceOptions", sources.list(null, null, 200));
        model.addAttribute("kinds", ItemKind.values());
        model.addAttribute("levels", ItemLevel.values());
        model.addAttribute("cadences", Cadence.values());
        return "items/new";
    }

    @PostMapping("/items")
    String create(CurrentUser user, UnitScope scope, ItemForm form, Model model, RedirectAttributes redirect) {
        try {
            ItemData created = service.create(user, form.toNewItem());
            redirect.addFlashAttribute("notice", "已立项 " + created.code());
            return "redirect:/items/" + created.id();
        } catch (DomainException e) {
            if (e.kind() == DomainException.Kind.FORBIDDEN) {
                throw e;
            }
            model.addAttribute("error", e.getMessage());
            model.addAttribute("errorField", e.field());
            return form(scope, model, form, null);
        }
    }

    @GetMapping("/items/{id}/edit")
    String edit(CurrentUser user, UnitScope scope, @PathVariable long id, Model model) {
        ItemData item = service.get(user, id);
        if (!service.actionsFor(user, item).contains("edit")) {
            throw DomainException.conflict(
                    "item.edit.state", "只有草稿状态的事项可以修改，当前状态：{0}", item.status().label());
        }
        ItemForm form = ItemForm.of(
                item,
                query.coUnits(id),
                query.milestones(id),
                sources.ofItems(List.of(id)).getOrDefault(id, List.of()));
        return form(scope, model, form, item);
    }

    @PostMapping("/items/{id}/edit")
    String saveEdit(
            CurrentUser user,
            UnitScope scope,
            @PathVariable long id,
            ItemForm form,
            Model model,
            RedirectAttributes redirect) {
        try {
            service.edit(user, id, form.version(), form.toNewItem());
            redirect.addFlashAttribute("notice", "已保存修改");
            return "redirect:/items/" + id;
        } catch (DomainException e) {
            if (e.refusesAccess()) {
                throw e;
            }
            model.addAttribute("error", e.getMessage());
            model.addAttribute("errorField", e.field());
            return form(scope, model, form, service.get(user, id));
        }
    }

    @GetMapping("/items/{id}")
    String item(CurrentUser user, @PathVariable long id, Model model) {
        ItemData item = service.get(user, id);
        Unit lead = units.find(item.leadUnitId(), UnitScope.all()).orElse(null);
        LocalDate today = LocalDate.now(clock);
        model.addAttribute("item", item);
        model.addAttribute("leadUnit", lead);
        model.addAttribute(
                "leader",
                item.leadLeaderId() == null
                        ? null
                        : accounts.namesWithRole(Role.LEADER).get(item.leadLeaderId()));
        model.addAttribute(
                "coUnits",
                units.names(query.coUnits(id)).values().stream().sorted().toList());
        model.addAttribute("overdue", item.overdueOn(today));
        model.addAttribute("today", today);
        model.addAttribute("signOverdue", service.signOverdue(item));
        var actions = service.actionsFor(user, item);
        model.addAttribute("actions", actions);
        model.addAttribute("timeline", query.timeline(id));
        model.addAttribute("files", evidence.list(user, id));
        model.addAttribute("milestones", query.milestones(id));
        var itemSources = sources.ofItems(List.of(id)).getOrDefault(id, List.of());
        model.addAttribute("sources", itemSources);
        if (actions.contains("link-source")) {
            var linked = itemSources.stream().map(s -> s.id()).collect(Collectors.toSet());
            model.addAttribute(
                    "linkable",
                    sources.list(null, null, 200).stream()
                            .filter(s -> !linked.contains(s.id()))
                            .toList());
        }
        List<Long> children = query.children(id);
        List<ItemData> visibleChildren = children.isEmpty() ? List.of() : query.visible(user, children);
        model.addAttribute("children", visibleChildren);
        model.addAttribute("ratings", ClosureRating.values());
        model.addAttribute("subUnits", units.children(item.leadUnitId(), UnitScope.all()));
        model.addAttribute(
                "rollUp",
                visibleChildren.stream()
                        .collect(Collectors.groupingBy(
                                c -> c.status().label(), java.util.TreeMap::new, Collectors.counting())));
        model.addAttribute(
                "panels",
                panels.stream()
                        .map(p -> Map.of("template", p.template(), "m", p.model(user, item)))
                        .toList());
        model.addAttribute(
                "childrenOverdue",
                visibleChildren.stream().filter(c -> c.overdueOn(today)).count());
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
            @RequestParam(required = false) Integer seq,
            @RequestParam(required = false) Long sourceId,
            @RequestParam(required = false) List<MultipartFile> files,
            RedirectAttributes redirect) {
        try {
            switch (action) {
                case "dispatch" -> service.dispatch(user, id, version);
                case "accept" -> service.accept(user, id, version);
                case "dispute" -> service.dispute(user, id, version, reason);
                case "request-extension" -> service.requestExtension(user, id, version, deadline, reason);
                case "decide-extension" ->
                    service.decideExtension(user, id, version, Boolean.TRUE.equals(decision), reason);
                case "request-closure" -> evidence.requestClosure(user, id, version, reason, uploads(files));
                case "judge-closure" ->
                    service.judgeClosure(user, id, version, Boolean.TRUE.equals(decision), rating, reason);
                case "reopen" -> service.reopen(user, id, version, reason);
                case "cancel" -> service.cancel(user, id, version, reason);
                case "comment" -> service.comment(user, id, text);
                case "complete-milestone" -> service.completeMilestone(user, id, version, seq);
                case "link-source" -> service.linkSource(user, id, sourceId, true);
                case "unlink-source" -> service.linkSource(user, id, sourceId, false);
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
            if (e.refusesAccess()) {
                throw e;
            }
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/items/" + id;
    }

    /** Files of a form; the empty part a browser sends when no file was chosen is not a file. */
    private static List<EvidenceService.Upload> uploads(List<MultipartFile> files) {
        if (files == null) {
            return List.of();
        }
        return files.stream()
                .filter(f -> f != null && !f.isEmpty())
                .map(f -> {
                    try {
                        return new EvidenceService.Upload(f.getOriginalFilename(), f.getBytes());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .toList();
    }
}
