package org.luoshi.item;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.luoshi.item.ItemStatus.ACCEPTED;
import static org.luoshi.item.ItemStatus.CANCELLED;
import static org.luoshi.item.ItemStatus.CLOSED;
import static org.luoshi.item.ItemStatus.CLOSURE_REQUESTED;
import static org.luoshi.item.ItemStatus.DISPATCHED;
import static org.luoshi.item.ItemStatus.DRAFT;
import static org.luoshi.item.ItemStatus.IN_PROGRESS;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.luoshi.DomainException;
import org.luoshi.calendar.WorkingDays;
import org.luoshi.security.CurrentUser;
import org.luoshi.security.Role;

/** The whole transition matrix: every action from every state, by the right and the wrong person. */
class ItemLifecycleTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 2);
    private static final WorkingDays WEEKDAYS = new WorkingDays(Map.of(), Set.of());
    private static final ItemActor SUPERVISOR =
            new ItemActor(new CurrentUser(1, "supervisor", "督查员", 1, Set.of(Role.SUPERVISOR), false), true, false);
    private static final ItemActor LIAISON =
            new ItemActor(new CurrentUser(2, "liaison", "联络员", 7, Set.of(Role.LIAISON), false), false, true);

    private record Action(
            ItemActor rightActor,
            ItemActor wrongActor,
            Set<ItemStatus> allowedFrom,
            ItemStatus to,
            BiConsumer<Item, ItemActor> apply) {}

    /** Written out from DESIGN.md's lifecycle, independently of ItemStatus's own table. */
    private static final Map<String, Action> ACTIONS = new LinkedHashMap<>();

    static {
        ACTIONS.put(
                "dispatch",
                new Action(
                        SUPERVISOR, LIAISON, EnumSet.of(DRAFT), DISPATCHED, (i, a) -> i.dispatch(a, TODAY, WEEKDAYS)));
        ACTIONS.put("accept", new Action(LIAISON, SUPERVISOR, EnumSet.of(DISPATCHED), ACCEPTED, Item::accept));
        ACTIONS.put(
                "dispute",
                new Action(LIAISON, SUPERVISOR, EnumSet.of(DISPATCHED), DRAFT, (i, a) -> i.dispute(a, "不属于本单位职责")));
        ACTIONS.put("start", new Action(LIAISON, SUPERVISOR, EnumSet.of(ACCEPTED), IN_PROGRESS, Item::start));
        ACTIONS.put(
                "request-closure",
                new Action(
                        LIAISON,
                        SUPERVISOR,
                        EnumSet.of(ACCEPTED, IN_PROGRESS),
                        CLOSURE_REQUESTED,
                        (i, a) -> i.requestClosure(a, "已全部完成")));
        ACTIONS.put(
                "judge-closure accept",
                new Action(
                        SUPERVISOR,
                        LIAISON,
                        EnumSet.of(CLOSURE_REQUESTED),
                        CLOSED,
                        (i, a) -> i.judgeClosure(a, true, ClosureRating.SATISFIED, null)));
        ACTIONS.put(
                "judge-closure refuse",
                new Action(
                        SUPERVISOR,
                        LIAISON,
                        EnumSet.of(CLOSURE_REQUESTED),
                        IN_PROGRESS,
                        (i, a) -> i.judgeClosure(a, false, null, "佐证材料不足")));
        ACTIONS.put(
                "reopen",
                new Action(SUPERVISOR, LIAISON, EnumSet.of(CLOSED), IN_PROGRESS, (i, a) -> i.reopen(a, "回头看发现问题反弹")));
        ACTIONS.put(
                "cancel",
                new Action(
                        SUPERVISOR,
                        LIAISON,
                        EnumSet.of(DRAFT, DISPATCHED, ACCEPTED, IN_PROGRESS, CLOSURE_REQUESTED),
                        CANCELLED,
                        (i, a) -> i.cancel(a, "上级已撤回该任务")));
    }

    @Test
    void everyActionFromEveryState() {
        int checked = 0;
        for (var entry : ACTIONS.entrySet()) {
            Action action = entry.getValue();
            for (ItemStatus from : ItemStatus.values()) {
                Item item = item(from);
                String what = entry.getKey() + " from " + from;
                if (action.allowedFrom().contains(from)) {
                    action.apply().accept(item, action.rightActor());
                    assertThat(item.status()).as(what).isEqualTo(action.to());
                    assertThat(item.happened())
                            .as(what + " leaves a timeline entry")
                            .hasSize(1);
                } else {
                    assertThat(org.assertj.core.api.Assertions.catchThrowable(
                                    () -> action.apply().accept(item, action.rightActor())))
                            .as(what)
                            .isInstanceOfSatisfying(
                                    DomainException.class,
                                    e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT));
                    assertThat(item.status())
                            .as(what + " leaves the state alone")
                            .isEqualTo(from);
                }
                Item other = item(from);
                Throwable refused = org.assertj.core.api.Assertions.catchThrowable(
                        () -> action.apply().accept(other, action.wrongActor()));
                assertThat(refused)
                        .as(entry.getKey() + " by the wrong person from " + from)
                        .isInstanceOfSatisfying(
                                DomainException.class,
                                e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.FORBIDDEN));
                checked++;
            }
        }
        assertThat(checked).isEqualTo(ACTIONS.size() * ItemStatus.values().length);
    }

    @Test
    void dispatchTurnsWorkingDaysIntoADate() {
        Item item = new Item(data(DRAFT, null, 5));
        item.dispatch(SUPERVISOR, TODAY, WEEKDAYS);
        assertThat(item.deadline()).isEqualTo(LocalDate.of(2026, 3, 9)); // Monday + 5 working days
    }

    @Test
    void extensionIsRequestedThenGrantedKeepingTheHistoryInTheTimeline() {
        Item item = item(IN_PROGRESS);
        assertThatThrownBy(() -> item.requestExtension(LIAISON, TODAY, "来不及")).hasMessageContaining("须晚于当前时限");
        item.requestExtension(LIAISON, LocalDate.of(2026, 7, 31), "汛期施工受阻");
        assertThatThrownBy(() -> item.requestExtension(LIAISON, LocalDate.of(2026, 8, 31), "再延"))
                .hasMessageContaining("等待审核");
        item.decideExtension(SUPERVISOR, true, null);
        assertThat(item.deadline()).isEqualTo(LocalDate.of(2026, 7, 31));
        assertThat(item.happened())
                .extracting(Item.TimelineEntry::text)
                .anyMatch(t -> t.contains("2026-06-30") && t.contains("2026-07-31"));
        assertThatThrownBy(() -> item.decideExtension(SUPERVISOR, true, null)).hasMessageContaining("没有待审核");
    }

    @Test
    void refusalsNeedAReasonAndClosureNeedsARating() {
        assertThatThrownBy(() -> item(CLOSURE_REQUESTED).judgeClosure(SUPERVISOR, false, null, " "))
                .hasMessageContaining("退回理由");
        assertThatThrownBy(() -> item(CLOSURE_REQUESTED).judgeClosure(SUPERVISOR, true, null, null))
                .hasMessageContaining("评价");
        assertThatThrownBy(() -> item(IN_PROGRESS).cancel(SUPERVISOR, "")).hasMessageContaining("撤销理由");
        assertThatThrownBy(() -> item(IN_PROGRESS).requestClosure(LIAISON, "x".repeat(2_001)))
                .hasMessageContaining("不能超过");
    }

    @Test
    void reopeningClearsTheRating() {
        Item item = item(CLOSURE_REQUESTED);
        item.judgeClosure(SUPERVISOR, true, ClosureRating.BASICALLY_SATISFIED, null);
        assertThat(item.rating()).isEqualTo(ClosureRating.BASICALLY_SATISFIED);
        Item closed = new Item(new ItemData(
                1,
                "DB-2026-0001",
                null,
                ItemKind.RECTIFICATION,
                "整改",
                "内容",
                ItemLevel.KEY,
                Cadence.MONTHLY,
                7,
                "/1/7/",
                null,
                null,
                LocalDate.of(2026, 6, 30),
                null,
                CLOSED,
                ClosureRating.SATISFIED,
                null,
                null,
                null,
                null,
                3,
                null,
                "supervisor",
                null));
        closed.reopen(SUPERVISOR, "反弹");
        assertThat(closed.rating()).isNull();
    }

    @Test
    void overdueIsDerivedFromTheDeadlineAndTheState() {
        LocalDate after = LocalDate.of(2026, 7, 1);
        assertThat(data(IN_PROGRESS, LocalDate.of(2026, 6, 30), null).overdueOn(after))
                .isTrue();
        assertThat(data(IN_PROGRESS, LocalDate.of(2026, 6, 30), null).overdueOn(LocalDate.of(2026, 6, 30)))
                .isFalse();
        assertThat(data(CLOSED, LocalDate.of(2026, 6, 30), null).overdueOn(after))
                .isFalse();
        assertThat(data(DRAFT, LocalDate.of(2026, 6, 30), null).overdueOn(after))
                .isFalse();
    }

    private static Item item(ItemStatus status) {
        return new Item(data(status, LocalDate.of(2026, 6, 30), null));
    }

    private static ItemData data(ItemStatus status, LocalDate deadline, Integer days) {
        return new ItemData(
                1,
                "DB-2026-0001",
                null,
                ItemKind.TARGET,
                "新建城市书房10个",
                "内容",
                ItemLevel.NORMAL,
                Cadence.MONTHLY,
                7,
                "/1/7/",
                null,
                null,
                deadline,
                days,
                status,
                null,
                null,
                null,
                null,
                null,
                0,
                null,
                "supervisor",
                null);
    }
}
