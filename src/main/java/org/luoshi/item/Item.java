package org.luoshi.item;

import static org.luoshi.item.ItemStatus.ACCEPTED;
import static org.luoshi.item.ItemStatus.CANCELLED;
import static org.luoshi.item.ItemStatus.CLOSED;
import static org.luoshi.item.ItemStatus.CLOSURE_REQUESTED;
import static org.luoshi.item.ItemStatus.DISPATCHED;
import static org.luoshi.item.ItemStatus.DRAFT;
import static org.luoshi.item.ItemStatus.IN_PROGRESS;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.luoshi.DomainException;
import org.luoshi.calendar.WorkingDays;

/**
 * 督办事项 as an aggregate: each lifecycle move is a method that checks the state and the actor, then
 * changes the item and notes what happened for its timeline. The repository saves it with the
 * version it was read at.
 */
public final class Item {

    static final int MAX_REASON = 2_000;

    private final ItemData data;
    private ItemStatus status;
    private LocalDate deadline;
    private LocalDate pendingDeadline;
    private String pendingReason;
    private ClosureRating rating;
    private boolean dispatchedNow;
    private boolean closedNow;
    private final List<TimelineEntry> happened = new ArrayList<>();

    Item(ItemData data) {
        this.data = data;
        this.status = data.status();
        this.deadline = data.deadline();
        this.pendingDeadline = data.pendingDeadline();
        this.pendingReason = data.pendingReason();
        this.rating = data.closureRating();
    }

    /** 派发: the deadline in working days becomes a date counted from today. */
    void dispatch(ItemActor actor, LocalDate today, WorkingDays calendar) {
        requireSupervisor(actor, "派发");
        move(DISPATCHED, "派发");
        if (data.deadlineDays() != null) {
            deadline = calendar.plus(today, data.deadlineDays());
        }
        if (deadline.isBefore(today)) {
            throw DomainException.invalid("item.deadline.past", "deadline", "完成时限 {0} 已过，请先修改时限再派发", deadline);
        }
        dispatchedNow = true;
        note("DISPATCHED", "派发至牵头单位，完成时限 " + deadline);
    }

    /** 签收. */
    void accept(ItemActor actor) {
        requireLeadUnit(actor, "签收");
        move(ACCEPTED, "签收");
        note("ACCEPTED", "签收");
    }

    /** 申请退回/改派: before signing, the unit says the item is not its own; it goes back to the supervisor. */
    void dispute(ItemActor actor, String reason) {
        requireLeadUnit(actor, "申请退回");
        String why = reason(reason, "退回理由");
        move(DRAFT, "申请退回");
        note("DISPUTED", why);
    }

    /** 延期申请: the item goes on; the request waits for the supervisor. */
    void requestExtension(ItemActor actor, LocalDate wanted, String reason) {
        requireLeadUnit(actor, "申请延期");
        if (status != ACCEPTED && status != IN_PROGRESS) {
            throw ItemRefusals.wrongState(status, "申请延期");
        }
        if (pendingDeadline != null) {
            throw DomainException.conflict("item.extension.pending", "已有一项延期申请在等待审核");
        }
        if (wanted == null || !wanted.isAfter(deadline)) {
            throw DomainException.invalid("item.extension.date", "deadline", "延期后的时限须晚于当前时限 {0}", deadline);
        }
        pendingDeadline = wanted;
        pendingReason = reason(reason, "延期理由");
        note("EXTENSION_REQUESTED", "申请延期至 " + wanted + "：" + pendingReason);
    }

    void decideExtension(ItemActor actor, boolean grant, String comment) {
        requireSupervisor(actor, "审核延期申请");
        if (pendingDeadline == null) {
            throw DomainException.conflict("item.extension.none", "没有待审核的延期申请");
        }
        if (grant) {
            note("EXTENSION_GRANTED", "同意延期：时限由 " + deadline + " 改为 " + pendingDeadline + optional(comment));
            deadline = pendingDeadline;
        } else {
            note("EXTENSION_REFUSED", "不同意延期" + optional(reason(comment, "不同意的理由")));
        }
        pendingDeadline = null;
        pendingReason = null;
    }

    /** 申请办结, with the unit's conclusion. */
    void requestClosure(ItemActor actor, String conclusion) {
        requireLeadUnit(actor, "申请办结");
        String text = reason(conclusion, "办结情况说明");
        move(CLOSURE_REQUESTED, "申请办结");
        note("CLOSURE_REQUESTED", text);
    }

    /** 办结判定: closed with a rating, or refused back to work with the reason. */
    void judgeClosure(ItemActor actor, boolean accept, ClosureRating closureRating, String reason) {
        requireSupervisor(actor, "判定办结");
        if (status != CLOSURE_REQUESTED) {
            throw ItemRefusals.wrongState(status, "判定办结");
        }
        if (accept) {
            if (closureRating == null) {
                throw DomainException.invalid("item.rating", "rating", "销号时请评价办理质量（满意、基本满意、不满意）");
            }
            move(CLOSED, "销号");
            rating = closureRating;
            closedNow = true;
            note("CLOSED", "同意办结销号，评价：" + closureRating.label() + optional(reason));
        } else {
            String why = reason(reason, "退回理由");
            move(IN_PROGRESS, "退回");
            note("CLOSURE_REFUSED", "不同意办结，退回继续办理：" + why);
        }
    }

    /** 回头看 finds the problem back (反弹): the closed item is worked on again. */
    void reopen(ItemActor actor, String reason) {
        requireSupervisor(actor, "重新打开（回头看）");
        if (status != CLOSED) {
            throw ItemRefusals.wrongState(status, "重新打开");
        }
        String why = reason(reason, "回头看发现的问题");
        move(IN_PROGRESS, "重新打开");
        rating = null;
        note("REOPENED", "回头看发现反弹，重新办理：" + why);
    }

    void cancel(ItemActor actor, String reason) {
        requireSupervisor(actor, "撤销");
        String why = reason(reason, "撤销理由");
        move(CANCELLED, "撤销");
        note("CANCELLED", why);
    }

    /** 修改: drafts only, by a supervisor of the jurisdiction. */
    void requireEditable(ItemActor actor) {
        requireSupervisor(actor, "修改事项");
        if (status != DRAFT) {
            throw ItemRefusals.wrongState(status, "修改");
        }
    }

    /** 关联来源: a supervisor, while the item is not cancelled. */
    void requireSourceChange(ItemActor actor) {
        requireSupervisor(actor, "关联来源");
        if (status == CANCELLED) {
            throw ItemRefusals.wrongState(status, "关联来源");
        }
    }

    /** A step reported done by the lead unit; on a signed item not yet started, this starts it. */
    void completeMilestone(ItemActor actor, Milestone m) {
        requireLeadUnit(actor, "完成时序节点");
        if (status != ACCEPTED && status != IN_PROGRESS) {
            throw ItemRefusals.wrongState(status, "完成时序节点");
        }
        if (status == ACCEPTED) {
            start(actor);
        }
        note("MILESTONE_DONE", "完成时序节点：" + m.title() + "（计划 " + m.dueDate() + "）");
    }

    /** The first progress report starts the work (called by the progress module later). */
    void start(ItemActor actor) {
        requireLeadUnit(actor, "开始办理");
        if (status != ACCEPTED) {
            // IN_PROGRESS is also reachable from a refused closure, which is not a start
            throw ItemRefusals.wrongState(status, "开始办理");
        }
        move(IN_PROGRESS, "开始办理");
        note("STARTED", "开始办理");
    }

    /**
     * 分解: may this actor split the item into children? The lead unit once it has signed, or the
     * supervisor while the item is still alive.
     */
    void requireDecomposable(ItemActor actor) {
        if (!actor.actsForLeadUnit() && !actor.isSupervisor()) {
            throw ItemRefusals.notAllowed("分解事项", "牵头单位或辖区督查员");
        }
        boolean unitMay = actor.actsForLeadUnit() && (status == ACCEPTED || status == IN_PROGRESS);
        boolean supervisorMay = actor.isSupervisor() && status != CLOSED && status != CANCELLED;
        if (!unitMay && !supervisorMay) {
            throw ItemRefusals.wrongState(status, "分解");
        }
    }

    /** The actions this actor may take now: the item page offers these and only these. */
    public java.util.Set<String> availableTo(ItemActor actor) {
        java.util.Set<String> actions = new java.util.LinkedHashSet<>();
        if (actor.isSupervisor()) {
            switch (status) {
                case DRAFT -> {
                    actions.add("dispatch");
                    actions.add("edit");
                }
                case CLOSURE_REQUESTED -> actions.add("judge-closure");
                case CLOSED -> actions.add("reopen");
                default -> {}
            }
            if (pendingDeadline != null) {
                actions.add("decide-extension");
            }
            if (status != CLOSED && status != CANCELLED) {
                actions.add("cancel");
            }
            if (status != CANCELLED) {
                actions.add("link-source");
            }
        }
        if (actor.actsForLeadUnit()) {
            switch (status) {
                case DISPATCHED -> {
                    actions.add("accept");
                    actions.add("dispute");
                }
                case ACCEPTED, IN_PROGRESS -> {
                    actions.add("request-closure");
                    actions.add("complete-milestone");
                    if (pendingDeadline == null) {
                        actions.add("request-extension");
                    }
                }
                default -> {}
            }
        }
        try {
            requireDecomposable(actor);
            actions.add("decompose");
        } catch (DomainException e) {
            // not for this actor at this moment
        }
        actions.add("comment");
        return actions;
    }

    private void move(ItemStatus next, String action) {
        if (!status.allows(next)) {
            throw ItemRefusals.wrongState(status, action);
        }
        status = next;
    }

    private static void requireSupervisor(ItemActor actor, String action) {
        if (!actor.isSupervisor()) {
            throw ItemRefusals.notAllowed(action, "辖区督查员");
        }
    }

    private static void requireLeadUnit(ItemActor actor, String action) {
        if (!actor.actsForLeadUnit()) {
            throw ItemRefusals.notAllowed(action, "牵头单位的联络员或负责人");
        }
    }

    private static String reason(String text, String what) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            throw ItemRefusals.reasonRequired(what);
        }
        if (t.length() > MAX_REASON) {
            throw DomainException.invalid("item.reason.long", "reason", "{0}不能超过{1}个字", what, MAX_REASON);
        }
        return t;
    }

    private static String optional(String text) {
        return text == null || text.isBlank() ? "" : "。" + text.strip();
    }

    private void note(String type, String text) {
        happened.add(new TimelineEntry(type, text));
    }

    record TimelineEntry(String type, String text) {}

    public ItemData data() {
        return data;
    }

    public ItemStatus status() {
        return status;
    }

    public LocalDate deadline() {
        return deadline;
    }

    LocalDate pendingDeadline() {
        return pendingDeadline;
    }

    String pendingReason() {
        return pendingReason;
    }

    ClosureRating rating() {
        return rating;
    }

    boolean dispatchedNow() {
        return dispatchedNow;
    }

    boolean closedNow() {
        return closedNow;
    }

    List<TimelineEntry> happened() {
        return List.copyOf(happened);
    }
}
