package org.luoshi.item.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.luoshi.DomainException;
import org.luoshi.item.Cadence;
import org.luoshi.item.ItemData;
import org.luoshi.item.ItemKind;
import org.luoshi.item.ItemLevel;
import org.luoshi.item.ItemSource;
import org.luoshi.item.Milestone;
import org.luoshi.item.NewItem;
import org.springframework.format.annotation.DateTimeFormat;

/** The 立项 and 修改 form as posted: tags as one line, milestones as parallel rows of title and date. */
public record ItemForm(
        String title,
        String content,
        ItemKind kind,
        ItemLevel level,
        Cadence cadence,
        Long leadUnitId,
        Long leadLeaderId,
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate startDate,
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate deadline,
        Integer deadlineDays,
        List<Long> coUnitIds,
        String tags,
        List<String> milestoneTitle,
        List<String> milestoneDate,
        List<Long> sourceIds,
        Integer version) {

    /** Empty rows offered under the filled ones. */
    static final int BLANK_MILESTONES = 3;

    static ItemForm blank() {
        return new ItemForm(
                null,
                null,
                null,
                null,
                Cadence.MONTHLY,
                null,
                null,
                null,
                null,
                null,
                List.of(),
                null,
                List.of(),
                List.of(),
                List.of(),
                null);
    }

    static ItemForm of(ItemData d, List<Long> coUnits, List<Milestone> milestones, List<ItemSource> sources) {
        return new ItemForm(
                d.title(),
                d.content(),
                d.kind(),
                d.level(),
                d.cadence(),
                d.leadUnitId(),
                d.leadLeaderId(),
                d.startDate(),
                d.deadline(),
                d.deadlineDays(),
                coUnits,
                String.join("，", d.tags()),
                milestones.stream().map(Milestone::title).toList(),
                milestones.stream().map(m -> m.dueDate().toString()).toList(),
                sources.stream().map(ItemSource::id).toList(),
                d.version());
    }

    NewItem toNewItem() {
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
                null,
                coUnitIds,
                tags == null ? List.of() : Arrays.asList(tags.split("[,，、;；\\s]+")),
                milestones(),
                sourceIds);
    }

    /** Rows left blank are skipped; a row half filled is an error naming it. */
    List<Milestone.Plan> milestones() {
        List<String> titles = milestoneTitle == null ? List.of() : milestoneTitle;
        List<String> dates = milestoneDate == null ? List.of() : milestoneDate;
        List<Milestone.Plan> plans = new ArrayList<>();
        for (int i = 0; i < Math.max(titles.size(), dates.size()); i++) {
            String t =
                    i < titles.size() && titles.get(i) != null ? titles.get(i).strip() : "";
            String d = i < dates.size() && dates.get(i) != null ? dates.get(i).strip() : "";
            if (t.isEmpty() && d.isEmpty()) {
                continue;
            }
            plans.add(new Milestone.Plan(t, d.isEmpty() ? null : date(i, d)));
        }
        return plans;
    }

    /** The rows to show: the filled ones, then a few blank. */
    public List<String[]> milestoneRows() {
        List<String[]> rows = new ArrayList<>();
        List<String> titles = milestoneTitle == null ? List.of() : milestoneTitle;
        List<String> dates = milestoneDate == null ? List.of() : milestoneDate;
        for (int i = 0; i < Math.max(titles.size(), dates.size()); i++) {
            String t = i < titles.size() && titles.get(i) != null ? titles.get(i) : "";
            String d = i < dates.size() && dates.get(i) != null ? dates.get(i) : "";
            if (!t.isBlank() || !d.isBlank()) {
                rows.add(new String[] {t, d});
            }
        }
        for (int i = 0; i < BLANK_MILESTONES; i++) {
            rows.add(new String[] {"", ""});
        }
        return rows;
    }

    public boolean hasCoUnit(long id) {
        return coUnitIds != null && coUnitIds.contains(id);
    }

    public boolean hasSource(long id) {
        return sourceIds != null && sourceIds.contains(id);
    }

    private static LocalDate date(int row, String value) {
        try {
            return LocalDate.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw DomainException.invalid(
                    "item.milestone.date", "milestones", "第{0}个时序节点的日期须为 yyyy-MM-dd：{1}", row + 1, value);
        }
    }
}
