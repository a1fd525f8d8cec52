package org.luoshi.progress;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.luoshi.item.ItemData;
import org.luoshi.item.ItemExtension;
import org.luoshi.security.CurrentUser;
import org.springframework.stereotype.Component;

/** Indicators given with an item, shared to its children, and shown with its pace in its JSON. */
@Component
class ProgressItemExtension implements ItemExtension {

    private final IndicatorService indicators;
    private final PaceService pace;

    ProgressItemExtension(IndicatorService indicators, PaceService pace) {
        this.indicators = indicators;
        this.pace = pace;
    }

    @Override
    public void saved(CurrentUser user, ItemData item, Map<String, Object> fields, boolean created) {
        List<IndicatorSpec> specs = IndicatorService.parse(fields.get("indicators"));
        if (specs != null) {
            indicators.replace(item.id(), specs, created);
        }
    }

    @Override
    public void savedAll(CurrentUser user, List<ItemData> items, List<Map<String, Object>> fields) {
        Map<Long, List<IndicatorSpec>> checked = new java.util.LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            try {
                List<IndicatorSpec> specs = IndicatorService.parse(fields.get(i).get("indicators"));
                if (specs != null) {
                    checked.put(items.get(i).id(), indicators.checked(specs, java.util.Set.of()));
                }
            } catch (org.luoshi.DomainException e) {
                throw new org.luoshi.item.ItemService.Refused(i, e);
            }
        }
        indicators.addToNew(checked);
    }

    @Override
    public void decomposed(ItemData parent, List<ItemData> children) {
        indicators.share(parent, children);
    }

    @Override
    public Map<Long, Map<String, Object>> describe(Collection<ItemData> items) {
        List<Long> ids = items.stream().map(ItemData::id).toList();
        Map<Long, List<Indicator>> ind = indicators.ofItems(ids);
        Map<Long, Pace> paces = pace.withIndicators(items, ind);
        Map<Long, Map<String, Object>> out = new HashMap<>();
        for (ItemData item : items) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put(
                    "indicators",
                    ind.getOrDefault(item.id(), List.of()).stream()
                            .map(IndicatorJson::of)
                            .toList());
            Pace p = paces.get(item.id());
            f.put("pace", p == null ? null : json(p));
            out.put(item.id(), f);
        }
        return out;
    }

    static Map<String, Object> json(Pace p) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("timeRatio", round(p.timeRatio()));
        j.put("progressRatio", round(p.progressRatio()));
        j.put("lagPoints", p.lagPoints());
        j.put("warning", p.warning().name());
        j.put("missingReport", p.missingReport());
        j.put("overdue", p.overdue());
        j.put("basis", p.basis().name());
        j.put("sentence", p.sentence());
        return j;
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
