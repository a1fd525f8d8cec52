package org.luoshi.item;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The timeline's sentence for an edited draft: which fields changed, and for 改派 from whom to whom. */
final class ItemChanges {

    private ItemChanges() {}

    static String describe(
            ItemData before,
            NewItem after,
            List<Long> coUnitsBefore,
            List<Milestone.Plan> milestonesBefore,
            List<Long> sourcesBefore,
            Map<Long, String> unitNames) {
        List<String> changed = new ArrayList<>();
        if (!before.title().equals(after.title())) {
            changed.add("事项名称");
        }
        if (!before.content().equals(after.content())) {
            changed.add("具体内容");
        }
        if (before.kind() != after.kind()) {
            changed.add("类别（" + before.kind().label() + "→" + after.kind().label() + "）");
        }
        if (before.level() != after.level()) {
            changed.add("督办等级（" + before.level().label() + "→" + after.level().label() + "）");
        }
        if (before.cadence() != after.cadence()) {
            changed.add(
                    "反馈频次（" + before.cadence().label() + "→" + after.cadence().label() + "）");
        }
        if (before.leadUnitId() != after.leadUnitId()) {
            changed.add("改派牵头单位（" + unitNames.get(before.leadUnitId()) + "→" + unitNames.get(after.leadUnitId()) + "）");
        }
        if (!Objects.equals(before.leadLeaderId(), after.leadLeaderId())) {
            changed.add("牵头领导");
        }
        if (!Objects.equals(before.startDate(), after.startDate())) {
            changed.add("开始日期");
        }
        if (!Objects.equals(before.deadline(), after.deadline())
                || !Objects.equals(before.deadlineDays(), after.deadlineDays())) {
            changed.add("完成时限（" + when(before.deadline(), before.deadlineDays()) + "→"
                    + when(after.deadline(), after.deadlineDays()) + "）");
        }
        if (!new HashSet<>(coUnitsBefore).equals(new HashSet<>(after.coUnitIds()))) {
            changed.add("配合单位");
        }
        if (!before.tags().equals(after.tags())) {
            changed.add("标签");
        }
        if (!milestonesBefore.equals(after.milestones())) {
            changed.add("时序节点");
        }
        if (!new HashSet<>(sourcesBefore).equals(new HashSet<>(after.sourceIds()))) {
            changed.add("来源");
        }
        return changed.isEmpty() ? "保存，未改动内容" : "修改：" + String.join("、", changed);
    }

    private static String when(java.time.LocalDate date, Integer days) {
        return date != null ? date.toString() : "派发后" + days + "个工作日";
    }
}
