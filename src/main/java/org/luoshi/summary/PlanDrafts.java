package org.luoshi.summary;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.luoshi.DomainException;
import org.luoshi.item.Cadence;
import org.luoshi.item.ItemData;
import org.luoshi.item.ItemKind;
import org.luoshi.item.ItemLevel;
import org.luoshi.item.ItemService;
import org.luoshi.item.NewItem;
import org.luoshi.security.CurrentUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns the 下半年工作打算 of a parsed summary into draft items (目标任务) of one unit for a half-year:
 * all of them or, if one is refused, none.
 */
@Service
public class PlanDrafts {

    private static final int TITLE_MAX = 200;

    private final ItemService items;
    private final Clock clock;

    PlanDrafts(ItemService items, Clock clock) {
        this.items = items;
        this.clock = clock;
    }

    /** One plan item to register: its words as parsed, perhaps edited by the supervisor. */
    public record Plan(String title, String detail) {}

    /** The half-year after today's: its first and last day. */
    public HalfYear nextHalfYear() {
        LocalDate today = LocalDate.now(clock);
        return today.getMonthValue() <= 6
                ? new HalfYear(LocalDate.of(today.getYear(), 7, 1), LocalDate.of(today.getYear(), 12, 31))
                : new HalfYear(LocalDate.of(today.getYear() + 1, 1, 1), LocalDate.of(today.getYear() + 1, 6, 30));
    }

    public record HalfYear(LocalDate start, LocalDate end) {}

    @Transactional
    public List<ItemData> draft(CurrentUser user, long unitId, LocalDate start, LocalDate deadline, List<Plan> plans) {
        if (plans.isEmpty()) {
            throw DomainException.invalid("summary.plans.none", "plans", "请至少勾选一项下半年工作打算");
        }
        List<ItemData> made = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) {
            Plan p = plans.get(i);
            String title = p.title() == null ? "" : p.title().strip();
            if (title.length() > TITLE_MAX) {
                title = title.substring(0, TITLE_MAX - 1) + "…";
            }
            String detail = p.detail() == null || p.detail().isBlank()
                    ? title
                    : p.detail().strip();
            try {
                made.add(items.create(
                        user,
                        new NewItem(
                                title,
                                detail,
                                ItemKind.TARGET,
                                ItemLevel.NORMAL,
                                Cadence.MONTHLY,
                                unitId,
                                null,
                                start,
                                deadline,
                                null,
                                null)));
            } catch (DomainException e) {
                if (e.kind() != DomainException.Kind.INVALID) {
                    throw e;
                }
                throw DomainException.invalid(
                        "summary.plan.refused", e.field(), "第{0}项「{1}」：{2}", i + 1, title, e.getMessage());
            }
        }
        return made;
    }
}
