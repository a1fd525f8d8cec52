package org.luoshi.item;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.luoshi.DomainException;
import org.luoshi.calendar.CalendarService;
import org.luoshi.org.Unit;
import org.luoshi.org.UnitQuery;
import org.luoshi.org.UnitScope;
import org.luoshi.security.CurrentUser;
import org.luoshi.security.DataScopes;
import org.luoshi.security.Role;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Registers items and carries out their lifecycle moves, each in one transaction with its record. */
@Service
public class ItemService {

    static final int MAX_TITLE = 200;
    static final int MAX_CONTENT = 20_000;

    private final ItemRepository items;
    private final ItemQuery query;
    private final UnitQuery units;
    private final DataScopes scopes;
    private final ItemScopes itemScopes;
    private final CalendarService calendar;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final SigningPolicy signing;
    private final SourceService sources;
    private final boolean closureNeedsEvidence;
    private final org.springframework.beans.factory.ObjectProvider<ItemExtension> extensions;

    ItemService(
            ItemRepository items,
            ItemQuery query,
            UnitQuery units,
            DataScopes scopes,
            ItemScopes itemScopes,
            CalendarService calendar,
            ApplicationEventPublisher events,
            Clock clock,
            SourceService sources,
            org.springframework.beans.factory.ObjectProvider<ItemExtension> extensions,
            @org.springframework.beans.factory.annotation.Value("${luoshi.items.closure-requires-evidence:true}")
                    boolean closureNeedsEvidence,
            @org.springframework.beans.factory.annotation.Value("${luoshi.items.sign-within-working-days:3}")
                    int signWithin) {
        this.items = items;
        this.query = query;
        this.units = units;
        this.scopes = scopes;
        this.itemScopes = itemScopes;
        this.calendar = calendar;
        this.events = events;
        this.clock = clock;
        this.signing = new SigningPolicy(signWithin);
        this.sources = sources;
        this.closureNeedsEvidence = closureNeedsEvidence;
        this.extensions = extensions;
    }

    /** 立项: a draft by a supervisor, for a lead unit within his jurisdiction. */
    @Transactional
    public ItemData create(CurrentUser user, NewItem n) {
        return create(user, n, java.util.Map.of());
    }

    /** 立项 with the fields that the parts above items read (indicators…), in one transaction. */
    @Transactional
    public ItemData create(CurrentUser user, NewItem n, java.util.Map<String, Object> fields) {
        // one registration is a batch of one: the same checks, the same writes
        try {
            return createAll(user, List.of(n), List.of(fields)).getFirst();
        } catch (Refused r) {
            throw r.error();
        }
    }

    /** A refusal of one item of many registered at once, with its place in the list. */
    public static final class Refused extends RuntimeException {
        private final int index;
        private final DomainException error;

        public Refused(int index, DomainException error) {
            super(error.getMessage(), error);
            this.index = index;
            this.error = error;
        }

        public int index() {
            return index;
        }

        public DomainException error() {
            return error;
        }
    }

    /**
     * 立项 of many drafts at once (a ledger import), under the rules of {@link #create} but in
     * batches: the jurisdiction, units, sources, codes and ids are read or allocated once, the rows
     * and what hangs on them written in a few statements. Returns the items in the order given;
     * {@link Refused} names the first one refused, and nothing is written.
     */
    @Transactional
    public List<ItemData> createAll(CurrentUser user, List<NewItem> given, List<java.util.Map<String, Object>> fields) {
        if (!user.has(Role.SUPERVISOR)) {
            throw ItemRefusals.notAllowed("立项", "督查员");
        }
        if (given.isEmpty()) {
            return List.of();
        }
        UnitScope jurisdiction = scopes.of(user);
        java.util.Set<Long> unitIds = new java.util.HashSet<>();
        java.util.Set<Long> sourceIds = new java.util.HashSet<>();
        for (NewItem n : given) {
            if (n.leadUnitId() != null) {
                unitIds.add(n.leadUnitId());
            }
            unitIds.addAll(n.coUnitIds());
            sourceIds.addAll(n.sourceIds());
        }
        java.util.Map<Long, Unit> inScope = new java.util.HashMap<>();
        units.byIds(unitIds).stream().filter(u -> jurisdiction.covers(u.path())).forEach(u -> inScope.put(u.id(), u));
        java.util.Set<Long> knownSources = sources.existing(sourceIds);
        List<NewItem> valid = new java.util.ArrayList<>();
        java.util.Map<Long, String> paths = new java.util.HashMap<>();
        for (int i = 0; i < given.size(); i++) {
            try {
                NewItem item = validate(given.get(i));
                Unit lead = inScope.get(item.leadUnitId());
                if (lead == null) {
                    throw DomainException.invalid("item.leadUnit.unknown", "leadUnitId", "牵头单位不存在或不在您的督查辖区内");
                }
                if (item.parentId() != null) {
                    ItemData parent = query.find(item.parentId(), scopeOf(user))
                            .orElseThrow(() -> DomainException.invalid("item.parent.unknown", "parentId", "上级事项不存在"));
                    requireWithinParent(item.deadline(), parent);
                }
                for (Long co : item.coUnitIds()) {
                    if (!inScope.containsKey(co)) {
                        throw DomainException.invalid("item.coUnit.unknown", "coUnitIds", "配合单位不存在或不在您的督查辖区内");
                    }
                }
                for (Long source : item.sourceIds()) {
                    if (source == null || !knownSources.contains(source)) {
                        throw DomainException.invalid("item.source.unknown", "sourceIds", "来源 {0} 不存在", source);
                    }
                }
                valid.add(item);
            } catch (DomainException e) {
                throw new Refused(i, e);
            }
        }
        inScope.forEach((id, u) -> paths.put(id, u.path().value()));
        int year = LocalDate.now(clock).getYear();
        List<String> codes = items.nextCodes(year, valid.size());
        List<Long> ids = items.newIds(valid.size());
        List<ItemRepository.Draft> drafts = new java.util.ArrayList<>();
        for (int i = 0; i < valid.size(); i++) {
            NewItem item = valid.get(i);
            drafts.add(new ItemRepository.Draft(
                    ids.get(i), item, codes.get(i), year, paths.get(item.leadUnitId()), user.username()));
        }
        items.insertAll(drafts, paths, user.username());
        events.publishEvent(new ItemEvents(drafts.stream()
                .map(d -> new ItemEvent(
                        d.id(), d.code(), "CREATED", "立项「" + d.item().title() + "」", null, ItemStatus.DRAFT.name()))
                .toList()));
        java.util.Map<Long, ItemData> byId = new java.util.HashMap<>();
        query.byIds(ids).forEach(d -> byId.put(d.id(), d));
        List<ItemData> created = ids.stream().map(byId::get).toList();
        extensions.orderedStream().forEach(x -> x.savedAll(user, created, fields));
        return created;
    }

    /**
     * 修改: a draft (new, or sent back by a dispute) is edited as a whole by a supervisor of its
     * jurisdiction; changing the lead unit here is 改派. Refused if anyone changed it meanwhile.
     */
    @Transactional
    public ItemData edit(CurrentUser user, long id, Integer version, NewItem n) {
        return edit(user, id, version, n, java.util.Map.of());
    }

    @Transactional
    public ItemData edit(CurrentUser user, long id, Integer version, NewItem n, java.util.Map<String, Object> fields) {
        ItemData before = get(user, id);
        new Item(before).requireEditable(actorFor(user, before));
        if (version == null) {
            throw DomainException.invalid("item.version", "version", "请给出读取时的版本号 version，以免覆盖他人的修改");
        }
        if (version != before.version()) {
            throw staleEdit();
        }
        NewItem item = validate(withParent(n, before.parentId()));
        UnitScope jurisdiction = scopes.of(user);
        Unit lead = units.find(item.leadUnitId(), jurisdiction)
                .orElseThrow(() -> DomainException.invalid("item.leadUnit.unknown", "leadUnitId", "牵头单位不存在或不在您的督查辖区内"));
        if (before.parentId() != null) {
            requireWithinParent(item.deadline(), items.find(before.parentId()).orElseThrow());
        }
        for (ItemData child : query.visible(user, query.children(id))) {
            if (item.deadline() != null
                    && child.deadline() != null
                    && child.deadline().isAfter(item.deadline())) {
                throw DomainException.invalid(
                        "item.deadline.beforeChild",
                        "deadline",
                        "完成时限 {0} 早于分解事项 {1} 的时限 {2}",
                        item.deadline(),
                        child.code(),
                        child.deadline());
            }
        }
        List<Unit> coUnits = coUnits(item, jurisdiction);
        sources.requireAll(item.sourceIds());
        if (!items.update(id, version, item, lead.path().value())) {
            throw staleEdit();
        }
        List<Long> coBefore = query.coUnits(id);
        List<Milestone> milestonesBefore = query.milestones(id);
        List<Long> sourcesBefore = sources.ofItems(List.of(id)).getOrDefault(id, List.of()).stream()
                .map(ItemSource::id)
                .toList();
        items.clearCoUnits(id);
        coUnits.forEach(co -> items.addCoUnit(id, co.id(), co.path().value()));
        items.replaceMilestones(id, item.milestones());
        items.replaceSources(id, item.sourceIds());
        String changes = ItemChanges.describe(
                before,
                item,
                coBefore,
                milestonesBefore.stream()
                        .map(m -> new Milestone.Plan(m.title(), m.dueDate()))
                        .toList(),
                sourcesBefore,
                units.names(List.of(before.leadUnitId(), item.leadUnitId())));
        items.timeline(id, user.username(), "EDITED", changes);
        events.publishEvent(new ItemEvent(id, before.code(), "EDITED", changes, "DRAFT", "DRAFT"));
        ItemData edited = items.find(id).orElseThrow();
        extensions.orderedStream().forEach(x -> x.saved(user, edited, fields, false));
        return edited;
    }

    /** A step done: the lead unit says so while it works on the item; the first step starts the work. */
    @Transactional
    public ItemData completeMilestone(CurrentUser user, long id, Integer version, Integer seq) {
        ItemData data = get(user, id);
        List<Milestone> milestones = query.milestones(id);
        Milestone m = milestones.stream()
                .filter(x -> seq != null && x.seq() == seq)
                .findFirst()
                .orElseThrow(() -> DomainException.invalid("item.milestone.unknown", "seq", "该事项没有第 {0} 个时序节点", seq));
        if (m.done()) {
            throw DomainException.conflict("item.milestone.done", "时序节点“{0}”已于 {1} 完成", m.title(), m.doneOn());
        }
        return act(user, id, version, (item, actor) -> {
            item.completeMilestone(actor, m);
            if (!items.completeMilestone(id, m.seq(), today(), user.username())) {
                throw staleEdit();
            }
        });
    }

    /** 关联来源: the same demand from another source joins this item, so the unit reports once. */
    @Transactional
    public ItemData linkSource(CurrentUser user, long id, Long sourceId, boolean link) {
        ItemData data = get(user, id);
        new Item(data).requireSourceChange(actorFor(user, data));
        ItemSource source = (sourceId == null ? Optional.<ItemSource>empty() : sources.find(sourceId))
                .orElseThrow(() -> DomainException.invalid("item.source.unknown", "sourceId", "来源 {0} 不存在", sourceId));
        boolean changed = link ? items.linkSource(id, source.id()) : items.unlinkSource(id, source.id());
        if (!changed) {
            throw DomainException.conflict("item.source.same", link ? "该事项已关联此来源" : "该事项未关联此来源");
        }
        if (!items.touch(id, data.version())) {
            throw staleEdit();
        }
        String type = link ? "SOURCE_LINKED" : "SOURCE_UNLINKED";
        String text = (link ? "关联来源：" : "取消关联来源：") + source.describe();
        items.timeline(id, user.username(), type, text);
        events.publishEvent(new ItemEvent(id, data.code(), type, text, null, null));
        return items.find(id).orElseThrow();
    }

    @Transactional
    public ItemData dispatch(CurrentUser user, long id, Integer version) {
        List<Milestone> milestones = query.milestones(id);
        return act(user, id, version, (item, actor) -> {
            item.dispatch(actor, today(), calendar.workingDays());
            for (Milestone m : milestones) {
                if (m.dueDate().isAfter(item.deadline())) {
                    throw DomainException.invalid(
                            "item.milestone.afterDeadline",
                            "milestones",
                            "时序节点“{0}”的日期 {1} 晚于派发后的完成时限 {2}，请先修改",
                            m.title(),
                            m.dueDate(),
                            item.deadline());
                }
            }
        });
    }

    @Transactional
    public ItemData accept(CurrentUser user, long id, Integer version) {
        return act(user, id, version, (item, actor) -> item.accept(actor));
    }

    @Transactional
    public ItemData dispute(CurrentUser user, long id, Integer version, String reason) {
        return act(user, id, version, (item, actor) -> item.dispute(actor, reason));
    }

    @Transactional
    public ItemData requestExtension(CurrentUser user, long id, Integer version, LocalDate deadline, String reason) {
        return act(user, id, version, (item, actor) -> item.requestExtension(actor, deadline, reason));
    }

    @Transactional
    public ItemData decideExtension(CurrentUser user, long id, Integer version, boolean grant, String comment) {
        return act(user, id, version, (item, actor) -> item.decideExtension(actor, grant, comment));
    }

    /** 申请办结: with a conclusion and, unless configured otherwise, at least one evidence file. */
    @Transactional
    public ItemData requestClosure(CurrentUser user, long id, Integer version, String conclusion) {
        return act(user, id, version, (item, actor) -> {
            item.requestClosure(actor, conclusion);
            if (closureNeedsEvidence && query.fileCount(id) == 0) {
                throw DomainException.invalid("item.closure.evidence", "file", "申请办结须附佐证材料：请先上传至少一个文件（验收报告、照片、文件等）");
            }
        });
    }

    @Transactional
    public ItemData judgeClosure(
            CurrentUser user, long id, Integer version, boolean accept, ClosureRating rating, String reason) {
        return act(user, id, version, (item, actor) -> item.judgeClosure(actor, accept, rating, reason));
    }

    @Transactional
    public ItemData reopen(CurrentUser user, long id, Integer version, String reason) {
        return act(user, id, version, (item, actor) -> item.reopen(actor, reason));
    }

    @Transactional
    public ItemData cancel(CurrentUser user, long id, Integer version, String reason) {
        return act(user, id, version, (item, actor) -> item.cancel(actor, reason));
    }

    /**
     * Takes over an item with its paper history (ledger import, demo city): no actor checks, since
     * the caller is the platform itself; validated like any item and recorded in timeline and trail.
     */
    @Transactional
    public ItemData takeOver(HistoricalItem h, String by) {
        NewItem item = validate(h.item());
        Unit lead = units.find(item.leadUnitId(), UnitScope.all())
                .orElseThrow(() -> DomainException.invalid("item.leadUnit.unknown", "leadUnitId", "牵头单位不存在"));
        int year = (h.dispatchedOn() == null ? LocalDate.now(clock) : h.dispatchedOn()).getYear();
        String code = items.nextCode(year);
        sources.requireAll(item.sourceIds());
        long id = items.insert(item, code, year, lead.path().value(), by, h.status());
        items.takenOver(id, h.dispatchedOn(), h.closedOn(), h.rating());
        items.replaceMilestones(id, item.milestones());
        item.sourceIds().forEach(s -> items.linkSource(id, s));
        if (h.status() == ItemStatus.CLOSED) {
            // a closed item's steps were all done, on their dates as far as the paper says
            query.milestones(id).forEach(m -> items.completeMilestone(id, m.seq(), m.dueDate(), by));
        }
        String text = "按原台账导入，当前状态：" + h.status().label() + (h.note() == null ? "" : "。" + h.note());
        items.timeline(id, by, "IMPORTED", text);
        events.publishEvent(
                new ItemEvent(id, code, "IMPORTED", text, null, h.status().name()));
        return items.find(id).orElseThrow();
    }

    /** One child of a decomposition: the unit that takes it and its own deadline. */
    public record ChildSpec(Long leadUnitId, LocalDate deadline, String title) {}

    /**
     * 分解: the item splits into children, one per unit below the lead unit (or, for a supervisor,
     * within his jurisdiction), each dispatched at once with a deadline no later than the parent's.
     * All or nothing.
     */
    @Transactional
    public java.util.List<ItemData> decompose(CurrentUser user, long id, java.util.List<ChildSpec> children) {
        ItemData parent = get(user, id);
        ItemActor actor = actorFor(user, parent);
        new Item(parent).requireDecomposable(actor);
        if (children == null || children.isEmpty()) {
            throw DomainException.invalid("item.decompose.empty", "children", "请至少选择一个承办单位");
        }
        if (children.size() > 500) {
            throw DomainException.invalid("item.decompose.many", "children", "一次最多分解为500项");
        }
        UnitScope allowed = actor.actsForLeadUnit() && !actor.isSupervisor()
                ? UnitScope.of(new org.luoshi.org.UnitPath(parent.leadUnitPath()))
                : scopes.of(user);
        java.util.Set<Long> seen = new java.util.HashSet<>();
        List<ItemSource> parentSources = sources.ofItems(List.of(id)).getOrDefault(id, List.of());
        List<Milestone> parentMilestones = query.milestones(id);
        java.util.List<ItemData> created = new java.util.ArrayList<>();
        int year = LocalDate.now(clock).getYear();
        for (int i = 0; i < children.size(); i++) {
            ChildSpec c = children.get(i);
            String row = "第" + (i + 1) + "项：";
            if (c.leadUnitId() == null || !seen.add(c.leadUnitId())) {
                throw DomainException.invalid("item.decompose.unit", "children", row + "承办单位为空或重复");
            }
            Unit unit = units.find(c.leadUnitId(), allowed)
                    .filter(u -> u.id() != parent.leadUnitId())
                    .orElseThrow(
                            () -> DomainException.invalid("item.decompose.scope", "children", row + "承办单位须为牵头单位的下级单位"));
            LocalDate deadline = c.deadline() == null ? parent.deadline() : c.deadline();
            if (deadline == null) {
                throw DomainException.invalid("item.decompose.deadline", "children", row + "请填写完成时限");
            }
            if (parent.deadline() != null && deadline.isAfter(parent.deadline())) {
                throw DomainException.invalid(
                        "item.deadline.afterParent",
                        "children",
                        row + "完成时限 {0} 晚于上级事项的时限 {1}",
                        deadline,
                        parent.deadline());
            }
            if (deadline.isBefore(LocalDate.now(clock))) {
                throw DomainException.invalid("item.deadline.past", "children", row + "完成时限 {0} 已过", deadline);
            }
            String title = c.title() == null || c.title().isBlank()
                    ? parent.title() + "（" + unit.displayName() + "）"
                    : c.title().strip();
            NewItem child = validate(new NewItem(
                    title,
                    parent.content(),
                    parent.kind(),
                    parent.level(),
                    parent.cadence(),
                    unit.id(),
                    parent.leadLeaderId(),
                    parent.startDate(),
                    deadline,
                    null,
                    id));
            String code = items.nextCode(year);
            long childId = items.insert(
                    child.withTags(parent.tags()),
                    code,
                    year,
                    unit.path().value(),
                    user.username(),
                    ItemStatus.DISPATCHED);
            // the child answers the same sources and keeps the parent's steps that fall within its time
            parentSources.forEach(s -> items.linkSource(childId, s.id()));
            items.replaceMilestones(
                    childId,
                    parentMilestones.stream()
                            .filter(m -> !m.dueDate().isAfter(deadline))
                            .map(m -> new Milestone.Plan(m.title(), m.dueDate()))
                            .toList());
            items.timeline(childId, user.username(), "DISPATCHED", "由 " + parent.code() + " 分解派发，完成时限 " + deadline);
            events.publishEvent(new ItemEvent(
                    childId,
                    code,
                    "DISPATCHED",
                    "由 " + parent.code() + " 分解派发至" + unit.name(),
                    null,
                    ItemStatus.DISPATCHED.name()));
            created.add(items.find(childId).orElseThrow());
        }
        String names = created.stream()
                .map(c -> units.names(java.util.List.of(c.leadUnitId())).get(c.leadUnitId()))
                .collect(java.util.stream.Collectors.joining("、"));
        extensions.orderedStream().forEach(x -> x.decomposed(parent, created));
        items.timeline(id, user.username(), "DECOMPOSED", "分解至 " + names);
        events.publishEvent(new ItemEvent(id, parent.code(), "DECOMPOSED", "分解至 " + names, null, null));
        return created;
    }

    /** 督办沟通: anyone who sees the item may write on its thread. Stored as text, shown as text. */
    @Transactional
    public void comment(CurrentUser user, long id, String text) {
        ItemData data = get(user, id);
        String t = text == null ? "" : text.strip();
        if (t.isEmpty() || t.length() > Item.MAX_REASON) {
            throw DomainException.invalid("item.comment", "text", "留言须为1至{0}个字", Item.MAX_REASON);
        }
        String type = user.has(Role.LEADER) && !user.has(Role.SUPERVISOR) ? "INSTRUCTION" : "COMMENT";
        items.timeline(id, user.username(), type, t);
        events.publishEvent(
                new ItemEvent(id, data.code(), type, type.equals("INSTRUCTION") ? "领导批示" : "留言", null, null));
    }

    /** A line in the item's own timeline from a part above items (a report submitted, accepted…). */
    @Transactional
    public void note(long id, String actor, String type, String text) {
        items.timeline(id, actor, type, text);
    }

    /** Does this user supervise the item (a supervisor whose jurisdiction holds its lead unit)? */
    public boolean supervises(CurrentUser user, ItemData item) {
        return actorFor(user, item).isSupervisor();
    }

    /** The first progress report starts the work on a signed item; later ones change nothing here. */
    @Transactional
    public void startOnFirstReport(CurrentUser user, long id) {
        ItemData data = get(user, id);
        if (data.status() == ItemStatus.ACCEPTED) {
            act(user, id, data.version(), (item, actor) -> item.start(actor));
        }
    }

    /** Extra fields of items' JSON from the parts above items. */
    public java.util.Map<Long, java.util.Map<String, Object>> describe(java.util.Collection<ItemData> rows) {
        java.util.Map<Long, java.util.Map<String, Object>> all = new java.util.HashMap<>();
        extensions
                .orderedStream()
                .forEach(x -> x.describe(rows)
                        .forEach((id, fields) -> all.computeIfAbsent(id, k -> new java.util.LinkedHashMap<>())
                                .putAll(fields)));
        return all;
    }

    /** Dispatched and still unsigned after the signing time (derived, like overdue). */
    public boolean signOverdue(ItemData item) {
        return signing.overdue(item, today(), calendar.workingDays());
    }

    /** The lead unit's people and the supervisors of its jurisdiction add evidence, while it is alive. */
    boolean mayAddEvidence(CurrentUser user, ItemData item) {
        ItemActor actor = actorFor(user, item);
        boolean alive = item.status() != ItemStatus.CLOSED && item.status() != ItemStatus.CANCELLED;
        return alive && (actor.isSupervisor() || actor.actsForLeadUnit());
    }

    /** What the user may do with the item now. */
    public java.util.Set<String> actionsFor(CurrentUser user, ItemData data) {
        return new Item(data).availableTo(actorFor(user, data));
    }

    /** Without a scope check, for the platform's own work (taking over paper records). */
    java.util.Optional<ItemData> find(long id) {
        return items.find(id);
    }

    /** The item if the user may see it; otherwise "not found", exactly as for a missing one. */
    public ItemData get(CurrentUser user, long id) {
        return query.find(id, scopeOf(user)).orElseThrow(ItemService::notFound);
    }

    private ItemScope scopeOf(CurrentUser user) {
        return itemScopes.of(user);
    }

    private interface Move {
        void apply(Item item, ItemActor actor);
    }

    private ItemData act(CurrentUser user, long id, Integer version, Move move) {
        ItemData data = get(user, id);
        if (version != null && version != data.version()) {
            throw staleEdit();
        }
        Item item = new Item(data);
        move.apply(item, actorFor(user, data));
        if (!items.save(item)) {
            throw staleEdit();
        }
        for (Item.TimelineEntry e : item.happened()) {
            items.timeline(id, user.username(), e.type(), e.text());
            events.publishEvent(new ItemEvent(
                    id,
                    data.code(),
                    e.type(),
                    e.text(),
                    data.status().name(),
                    item.status().name()));
        }
        return items.find(id).orElseThrow();
    }

    private ItemActor actorFor(CurrentUser user, ItemData item) {
        boolean supervises =
                user.has(Role.SUPERVISOR) && scopes.of(user).covers(new org.luoshi.org.UnitPath(item.leadUnitPath()));
        return new ItemActor(user, supervises, user.unitId() == item.leadUnitId());
    }

    private static NewItem validate(NewItem n) {
        String title = n.title() == null ? "" : n.title().strip();
        String content = n.content() == null ? "" : n.content().strip();
        if (title.isEmpty()) {
            throw DomainException.invalid("item.title.required", "title", "请填写事项名称");
        }
        if (title.length() > MAX_TITLE) {
            throw DomainException.invalid(
                    "item.title.long", "title", "事项名称不能超过{0}个字（现有{1}个字）", MAX_TITLE, title.length());
        }
        if (content.isEmpty()) {
            throw DomainException.invalid("item.content.required", "content", "请填写具体内容");
        }
        if (content.length() > MAX_CONTENT) {
            throw DomainException.invalid("item.content.long", "content", "具体内容不能超过{0}个字", MAX_CONTENT);
        }
        if (n.kind() == null) {
            throw DomainException.invalid("item.kind.required", "kind", "请选择事项类别");
        }
        if (n.cadence() == null) {
            throw DomainException.invalid("item.cadence.required", "cadence", "请选择反馈频次");
        }
        if (n.leadUnitId() == null) {
            throw DomainException.invalid("item.leadUnit.required", "leadUnitId", "请选择牵头单位");
        }
        if (n.deadline() == null && n.deadlineDays() == null) {
            throw DomainException.invalid("item.deadline.required", "deadline", "请填写完成时限（日期或派发后的工作日数）");
        }
        if (n.deadlineDays() != null && (n.deadlineDays() < 1 || n.deadlineDays() > 2_000)) {
            throw DomainException.invalid("item.deadlineDays.range", "deadlineDays", "工作日数须在1至2000之间");
        }
        if (n.deadline() != null && n.startDate() != null && n.deadline().isBefore(n.startDate())) {
            throw DomainException.invalid("item.deadline.beforeStart", "deadline", "完成时限不能早于开始日期");
        }
        if (n.coUnitIds().contains(n.leadUnitId())
                || n.coUnitIds().stream().distinct().count() != n.coUnitIds().size()) {
            throw DomainException.invalid("item.coUnits", "coUnitIds", "配合单位不能重复，也不能是牵头单位");
        }
        return new NewItem(
                title,
                content,
                n.kind(),
                n.level() == null ? ItemLevel.NORMAL : n.level(),
                n.cadence(),
                n.leadUnitId(),
                n.leadLeaderId(),
                n.startDate(),
                n.deadline(),
                n.deadlineDays(),
                n.parentId(),
                n.coUnitIds(),
                tags(n.tags()),
                milestones(n.milestones(), n.startDate(), n.deadline()),
                n.sourceIds().stream().distinct().toList());
    }

    static final int MAX_TAGS = 10;
    static final int MAX_TAG = 20;
    static final int MAX_MILESTONES = 50;

    /** Tags as typed, stripped and without repeats; short words, not sentences. */
    static List<String> tags(List<String> raw) {
        List<String> tags = raw.stream()
                .filter(java.util.Objects::nonNull)
                .map(String::strip)
                .filter(t -> !t.isEmpty())
                .distinct()
                .toList();
        if (tags.size() > MAX_TAGS) {
            throw DomainException.invalid("item.tags.many", "tags", "标签最多{0}个", MAX_TAGS);
        }
        for (String t : tags) {
            if (t.length() > MAX_TAG || t.matches(".*[,，;；<>].*")) {
                throw DomainException.invalid("item.tag", "tags", "标签“{0}”须为不超过{1}个字、不含逗号分号和尖括号的词", t, MAX_TAG);
            }
        }
        return tags;
    }

    /** Steps in date order, each dated within the item's span. */
    static List<Milestone.Plan> milestones(List<Milestone.Plan> raw, LocalDate start, LocalDate deadline) {
        if (raw.size() > MAX_MILESTONES) {
            throw DomainException.invalid("item.milestones.many", "milestones", "时序节点最多{0}个", MAX_MILESTONES);
        }
        List<Milestone.Plan> plans = new java.util.ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            Milestone.Plan m = raw.get(i);
            String row = "第" + (i + 1) + "个时序节点：";
            String title = m == null || m.title() == null ? "" : m.title().strip();
            if (title.isEmpty() || title.length() > MAX_TITLE) {
                throw DomainException.invalid(
                        "item.milestone.title", "milestones", row + "请填写不超过{0}个字的节点内容", MAX_TITLE);
            }
            if (m.dueDate() == null) {
                throw DomainException.invalid("item.milestone.date", "milestones", row + "请填写节点日期");
            }
            if (deadline != null && m.dueDate().isAfter(deadline)) {
                throw DomainException.invalid(
                        "item.milestone.afterDeadline", "milestones", row + "日期 {0} 晚于完成时限 {1}", m.dueDate(), deadline);
            }
            if (start != null && m.dueDate().isBefore(start)) {
                throw DomainException.invalid(
                        "item.milestone.beforeStart", "milestones", row + "日期 {0} 早于开始日期 {1}", m.dueDate(), start);
            }
            plans.add(new Milestone.Plan(title, m.dueDate()));
        }
        plans.sort(java.util.Comparator.comparing(Milestone.Plan::dueDate));
        return plans;
    }

    private static NewItem withParent(NewItem n, Long parentId) {
        return new NewItem(
                n.title(),
                n.content(),
                n.kind(),
                n.level(),
                n.cadence(),
                n.leadUnitId(),
                n.leadLeaderId(),
                n.startDate(),
                n.deadline(),
                n.deadlineDays(),
                parentId,
                n.coUnitIds(),
                n.tags(),
                n.milestones(),
                n.sourceIds());
    }

    private List<Unit> coUnits(NewItem item, UnitScope jurisdiction) {
        return item.coUnitIds().stream()
                .map(id -> units.find(id, jurisdiction)
                        .orElseThrow(
                                () -> DomainException.invalid("item.coUnit.unknown", "coUnitIds", "配合单位不存在或不在您的督查辖区内")))
                .toList();
    }

    private static void requireWithinParent(LocalDate deadline, ItemData parent) {
        if (parent.deadline() != null && deadline != null && deadline.isAfter(parent.deadline())) {
            throw DomainException.invalid(
                    "item.deadline.afterParent", "deadline", "完成时限 {0} 晚于上级事项的时限 {1}", deadline, parent.deadline());
        }
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    static DomainException notFound() {
        return DomainException.notFound("item.notFound", "督办事项不存在或不在您的数据范围内");
    }

    private static DomainException staleEdit() {
        return DomainException.conflict("item.stale", "该事项已被他人处理或修改，请刷新后查看最新状态，您的操作未生效");
    }
}
