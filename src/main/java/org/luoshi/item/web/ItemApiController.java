package org.luoshi.item.web;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
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
import org.luoshi.item.ItemSource;
import org.luoshi.item.ItemStatus;
import org.luoshi.item.Milestone;
import org.luoshi.item.NewItem;
import org.luoshi.item.SourceService;
import org.luoshi.org.UnitQuery;
import org.luoshi.org.UnitScope;
import org.luoshi.security.CurrentUser;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/items}: the ledger, registration and every lifecycle action. */
@RestController
@RequestMapping("/api/v1/items")
class ItemApiController {

    private final ItemService service;
    private final ItemQuery query;
    private final UnitQuery units;
    private final SourceService sources;
    private final LedgerExport export;
    private final Clock clock;

    ItemApiController(
            ItemService service,
            ItemQuery query,
            UnitQuery units,
            SourceService sources,
            LedgerExport export,
            Clock clock) {
        this.export = export;
        this.service = service;
        this.query = query;
        this.units = units;
        this.sources = sources;
        this.clock = clock;
    }

    @GetMapping
    Map<String, Object> list(
            CurrentUser user,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String stage,
            @RequestParam(required = false) String kind,
            @RequestParam(required = false) Long unit,
            @RequestParam(required = false) Long leader,
            @RequestParam(required = false) Boolean overdue,
            @RequestParam(required = false) String level,
            @RequestParam(required = false) String deadlineFrom,
            @RequestParam(required = false) String deadlineTo,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String tag,
            @RequestParam(required = false) Long source,
            @RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "20") int size,
            @RequestParam(defaultValue = "capped") String count) {
        String unitPath = unit == null
                ? null
                : units.find(unit, UnitScope.all()).map(u -> u.path().value()).orElse("/none/");
        boolean exact = switch (count) {
            case "exact" -> true;
            case "capped" -> false;
            default -> throw DomainException.invalid("api.count", "count", "count 只能是 exact 或 capped");
        };
        var filter = new ItemQuery.Filter(
                parse(ItemStatus.class, status, "status"),
                parse(ItemQuery.Stage.class, stage, "stage"),
                parse(ItemKind.class, kind, "kind"),
                parse(ItemLevel.class, level, "level"),
                unit,
                leader,
                overdue,
                date("deadlineFrom", deadlineFrom),
                date("deadlineTo", deadlineTo),
                q,
                tag,
                source,
                parse(ItemQuery.Sort.class, sort, "sort"),
                page,
                size);
        // an exact count over a province is costly: the caller asks for it by name
        var result = exact
                ? query.list(user, filter, unitPath)
                : query.listCapped(user, filter, unitPath, ItemQuery.COUNT_CAP);
        return Map.of(
                "items",
                json(result.items()),
                "total",
                result.total(),
                "totalCapped",
                result.capped(),
                "hasNext",
                result.hasNext(),
                "page",
                Math.max(page, 1));
    }

    /** The ledger as .xlsx, with the query parameters of the ledger page (unit, leader, tag, source…). */
    @GetMapping("/export")
    org.springframework.http.ResponseEntity<byte[]> export(CurrentUser user, LedgerParams params) {
        String unitPath = export.unitPath(params);
        return ResponseEntity.ok()
                .header(
                        org.springframework.http.HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"ledger-" + today() + ".xlsx\"")
                .contentType(org.springframework.http.MediaType.parseMediaType(LedgerExport.XLSX))
                .body(export.write(user, params, unitPath, today()));
    }

    @GetMapping("/{id}")
    ItemJson get(CurrentUser user, @PathVariable long id) {
        return json(service.get(user, id));
    }

    @GetMapping("/{id}/timeline")
    Map<String, Object> timeline(CurrentUser user, @PathVariable long id) {
        service.get(user, id);
        return Map.of("events", query.timeline(id));
    }

    @PostMapping
    ResponseEntity<ItemJson> create(CurrentUser user, @RequestBody Map<String, Object> body) {
        ItemData created = service.create(user, newItem(new Fields(body)), body);
        return ResponseEntity.created(URI.create("/api/v1/items/" + created.id()))
                .body(json(created));
    }

    /** Edits a draft as a whole; {@code version} is the one read, so a concurrent edit is refused. */
    @PutMapping("/{id}")
    ItemJson edit(CurrentUser user, @PathVariable long id, @RequestBody Map<String, Object> body) {
        Fields f = new Fields(body);
        return json(service.edit(user, id, f.integer("version"), newItem(f), body));
    }

    /** What a body asks for, or a refusal naming the field that is wrong (for the fuzz test too). */
    static NewItem read(Map<String, Object> body) {
        return newItem(new Fields(body));
    }

    private static NewItem newItem(Fields f) {
        return new NewItem(
                f.text("title"),
                f.text("content"),
                parse(ItemKind.class, f.text("kind"), "kind"),
                parse(ItemLevel.class, f.text("level"), "level"),
                parse(Cadence.class, f.text("cadence"), "cadence"),
                f.number("leadUnitId"),
                f.number("leadLeaderId"),
                f.date("startDate"),
                f.date("deadline"),
                f.integer("deadlineDays"),
                f.number("parentId"),
                f.numbers("coUnitIds"),
                f.texts("tags"),
                f.milestones(),
                f.numbers("sourceIds"));
    }

    @PostMapping("/{id}/{action}")
    Object act(
            CurrentUser user,
            @PathVariable long id,
            @PathVariable String action,
            @RequestBody(required = false) Map<String, Object> body) {
        Fields f = new Fields(body == null ? Map.of() : body);
        Integer version = f.integer("version");
        Object after = switch (action) {
            case "dispatch" -> service.dispatch(user, id, version);
            case "accept" -> service.accept(user, id, version);
            case "dispute" -> service.dispute(user, id, version, f.text("reason"));
            case "request-extension" ->
                service.requestExtension(user, id, version, f.date("deadline"), f.text("reason"));
            case "decide-extension" -> service.decideExtension(user, id, version, f.bool("grant"), f.text("reason"));
            case "request-closure" -> service.requestClosure(user, id, version, f.firstText("conclusion", "reason"));
            case "judge-closure" ->
                service.judgeClosure(
                        user,
                        id,
                        version,
                        f.bool("accept"),
                        parse(ClosureRating.class, f.text("rating"), "rating"),
                        f.text("reason"));
            case "reopen" -> service.reopen(user, id, version, f.text("reason"));
            case "cancel" -> service.cancel(user, id, version, f.text("reason"));
            case "complete-milestone" -> service.completeMilestone(user, id, version, f.integer("seq"));
            case "link-source" -> service.linkSource(user, id, f.number("sourceId"), true);
            case "unlink-source" -> service.linkSource(user, id, f.number("sourceId"), false);
            case "comment" -> {
                service.comment(user, id, f.firstText("text", "comment"));
                yield service.get(user, id);
            }
            case "decompose" -> {
                var created = service.decompose(user, id, f.children());
                yield Map.of("parent", json(service.get(user, id)), "children", json(created));
            }
            default -> throw DomainException.notFound("item.action.unknown", "未知的操作：{0}", action);
        };
        return after instanceof ItemData d ? json(d) : after;
    }

    private ItemJson json(ItemData d) {
        return json(List.of(d)).getFirst();
    }

    /** A page of items with a few set queries (children, co-units, names, steps, sources), not per row. */
    private List<ItemJson> json(List<ItemData> rows) {
        List<Long> ids = rows.stream().map(ItemData::id).toList();
        Map<Long, List<Long>> children = query.children(ids);
        Map<Long, List<Long>> coUnits = query.coUnits(ids);
        Map<Long, List<Milestone>> milestones = query.milestones(ids);
        Map<Long, List<ItemSource>> from = sources.ofItems(ids);
        Map<Long, Map<String, Object>> extra = service.describe(rows);
        Map<Long, String> names = units.names(java.util.stream.Stream.concat(
                        rows.stream().map(ItemData::leadUnitId),
                        coUnits.values().stream().flatMap(List::stream))
                .collect(Collectors.toSet()));
        return rows.stream()
                .map(d -> ItemJson.of(
                                d,
                                names.get(d.leadUnitId()),
                                children.getOrDefault(d.id(), List.of()),
                                today(),
                                service.signOverdue(d))
                        .withDetails(
                                coUnits.getOrDefault(d.id(), List.of()).stream()
                                        .map(u -> Map.<String, Object>of("id", u, "name", names.getOrDefault(u, "")))
                                        .toList(),
                                milestones.getOrDefault(d.id(), List.of()).stream()
                                        .map(this::json)
                                        .toList(),
                                from.getOrDefault(d.id(), List.of()).stream()
                                        .map(SourceApiController::json)
                                        .toList())
                        .withExtra(extra.getOrDefault(d.id(), Map.of())))
                .toList();
    }

    private Map<String, Object> json(Milestone m) {
        Map<String, Object> j = new java.util.LinkedHashMap<>();
        j.put("seq", m.seq());
        j.put("title", m.title());
        j.put("dueDate", m.dueDate());
        j.put("done", m.done());
        j.put("doneOn", m.doneOn());
        j.put("overdue", m.overdueOn(today()));
        return j;
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    static LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw DomainException.invalid("item.date", name, "{0} 须为 yyyy-MM-dd 格式的日期：{1}", name, value);
        }
    }

    static <E extends Enum<E>> E parse(Class<E> type, String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(
                    "item.enum",
                    field,
                    "“{0}”不是有效的 {1}，可选：{2}",
                    value,
                    field,
                    java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    /** Reads a JSON object's fields with clear errors naming the field. */
    private record Fields(Map<String, Object> body) {

        String text(String name) {
            Object v = body.get(name);
            return v == null ? null : v.toString();
        }

        String firstText(String... names) {
            for (String n : names) {
                if (body.get(n) != null) {
                    return text(n);
                }
            }
            return null;
        }

        Long number(String name) {
            Object v = body.get(name);
            if (v == null || v.toString().isBlank()) {
                return null;
            }
            try {
                return v instanceof Number n
                        ? n.longValue()
                        : Long.parseLong(v.toString().strip());
            } catch (NumberFormatException e) {
                throw DomainException.invalid("item.number", name, "{0} 须为整数", name);
            }
        }

        List<Long> numbers(String name) {
            Object v = body.get(name);
            if (v == null) {
                return List.of();
            }
            if (!(v instanceof List<?> list)) {
                throw DomainException.invalid("item.numbers", name, "{0} 须为整数数组", name);
            }
            return list.stream()
                    .map(o -> {
                        Long n = new Fields(Map.of(name, o == null ? "" : o)).number(name);
                        if (n == null) { // an empty element is no id: refused, not carried as a null
                            throw DomainException.invalid("item.numbers", name, "{0} 须为整数数组", name);
                        }
                        return n;
                    })
                    .toList();
        }

        List<String> texts(String name) {
            Object v = body.get(name);
            if (v == null) {
                return List.of();
            }
            if (!(v instanceof List<?> list)) {
                throw DomainException.invalid("item.texts", name, "{0} 须为字符串数组", name);
            }
            if (list.contains(null)) {
                throw DomainException.invalid("item.texts", name, "{0} 须为字符串数组", name);
            }
            return list.stream().map(Object::toString).toList();
        }

        @SuppressWarnings("unchecked")
        List<Milestone.Plan> milestones() {
            Object v = body.get("milestones");
            if (v == null) {
                return List.of();
            }
            if (!(v instanceof List<?> list)) {
                throw DomainException.invalid(
                        "item.milestones", "milestones", "milestones 须为数组：['{'\"title\", \"dueDate\"'}']");
            }
            return list.stream()
                    .map(o -> {
                        if (!(o instanceof Map<?, ?> m)) {
                            throw DomainException.invalid("item.milestones", "milestones", "milestones 的每一项须为对象");
                        }
                        Fields row = new Fields((Map<String, Object>) m);
                        return new Milestone.Plan(row.text("title"), row.date("dueDate"));
                    })
                    .toList();
        }

        Integer integer(String name) {
            Long n = number(name);
            return n == null ? null : Math.toIntExact(n);
        }

        boolean bool(String name) {
            Object v = body.get(name);
            if (v == null) {
                throw DomainException.invalid("item.bool", name, "请给出 {0}（true 或 false）", name);
            }
            return v instanceof Boolean b ? b : Boolean.parseBoolean(v.toString());
        }

        @SuppressWarnings("unchecked")
        List<ItemService.ChildSpec> children() {
            Object v = body.get("children");
            if (!(v instanceof List<?> list)) {
                throw DomainException.invalid(
                        "item.decompose.empty", "children", "children 须为数组：['{'\"leadUnitId\", \"deadline\"'}']");
            }
            return list.stream()
                    .map(o -> {
                        if (!(o instanceof Map<?, ?> m)) {
                            throw DomainException.invalid("item.decompose.row", "children", "children 的每一项须为对象");
                        }
                        Fields row = new Fields((Map<String, Object>) m);
                        return new ItemService.ChildSpec(
                                row.number("leadUnitId"), row.date("deadline"), row.text("title"));
                    })
                    .toList();
        }

        LocalDate date(String name) {
            return ItemApiController.date(name, text(name));
        }
    }
}
