package org.luoshi.item.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.luoshi.item.ItemData;
import org.luoshi.item.ItemQuery;
import org.luoshi.item.ItemQuery.Queue;
import org.luoshi.org.UnitQuery;
import org.luoshi.security.CurrentUser;
import org.luoshi.security.Role;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** 工作台: what waits for me — the supervisor's decisions, or my unit's signatures and deadlines. */
@Controller
class WorkbenchController {

    private static final int LIMIT = 20;

    private final ItemQuery query;
    private final UnitQuery units;
    private final Clock clock;

    WorkbenchController(ItemQuery query, UnitQuery units, Clock clock) {
        this.query = query;
        this.units = units;
        this.clock = clock;
    }

    @GetMapping("/workbench")
    String workbench(CurrentUser user, Model model) {
        List<Queue> queues = user.has(Role.SUPERVISOR)
                ? List.of(Queue.TO_DISPATCH, Queue.TO_JUDGE, Queue.EXTENSIONS, Queue.OVERDUE)
                : List.of(Queue.TO_SIGN, Queue.DUE_SOON, Queue.OVERDUE);
        Map<Queue, List<ItemData>> lists = new LinkedHashMap<>();
        for (Queue q : queues) {
            lists.put(q, query.queue(user, q, LIMIT));
        }
        model.addAttribute("queues", lists);
        model.addAttribute(
                "unitNames",
                units.names(lists.values().stream()
                        .flatMap(List::stream)
                        .map(ItemData::leadUnitId)
                        .collect(Collectors.toSet())));
        model.addAttribute("today", LocalDate.now(clock));
        return "items/workbench";
    }
}
