package org.luoshi.item;

import java.time.LocalDate;
import java.util.List;

/**
 * What a supervisor enters to register (立项) or edit a draft item. Either a deadline or N working
 * days; co-units, tags, milestones and sources are optional.
 */
public record NewItem(
        String title,
        String content,
        ItemKind kind,
        ItemLevel level,
        Cadence cadence,
        Long leadUnitId,
        Long leadLeaderId,
        LocalDate startDate,
        LocalDate deadline,
        Integer deadlineDays,
        Long parentId,
        List<Long> coUnitIds,
        List<String> tags,
        List<Milestone.Plan> milestones,
        List<Long> sourceIds) {

    /** Without co-units, tags, milestones or sources. */
    public NewItem(
            String title,
            String content,
            ItemKind kind,
            ItemLevel level,
            Cadence cadence,
            Long leadUnitId,
            Long leadLeaderId,
            LocalDate startDate,
            LocalDate deadline,
            Integer deadlineDays,
            Long parentId) {
        this(
                title,
                content,
                kind,
                level,
                cadence,
                leadUnitId,
                leadLeaderId,
                startDate,
                deadline,
                deadlineDays,
                parentId,
                List.of(),
                List.of(),
                List.of(),
                List.of());
    }

    public NewItem {
        coUnitIds = coUnitIds == null ? List.of() : List.copyOf(coUnitIds);
        tags = tags == null ? List.of() : List.copyOf(tags);
        milestones = milestones == null ? List.of() : List.copyOf(milestones);
        sourceIds = sourceIds == null ? List.of() : List.copyOf(sourceIds);
    }

    public NewItem withCoUnits(List<Long> units) {
        return with(units, tags, milestones, sourceIds);
    }

    public NewItem withTags(List<String> t) {
        return with(coUnitIds, t, milestones, sourceIds);
    }

    public NewItem withMilestones(List<Milestone.Plan> m) {
        return with(coUnitIds, tags, m, sourceIds);
    }

    public NewItem withSources(List<Long> s) {
        return with(coUnitIds, tags, milestones, s);
    }

    private NewItem with(List<Long> units, List<String> t, List<Milestone.Plan> m, List<Long> s) {
        return new NewItem(
                title,
                content,
                kind,
                level,
                cadence,
                leadUnitId,
                leadLeaderId,
                startDate,
                deadline,
                deadlineDays,
                parentId,
                units,
                t,
                m,
                s);
    }
}
