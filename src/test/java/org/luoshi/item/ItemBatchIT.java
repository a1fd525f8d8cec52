package org.luoshi.item;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.luoshi.security.CurrentUser;
import org.luoshi.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/** Many drafts registered at once (a ledger import) land as one at a time would, or not at all. */
class ItemBatchIT extends IntegrationTest {

    @Autowired
    ItemService items;

    private long coUnit() {
        return jdbc.sql("SELECT id FROM unit WHERE parent_id = (SELECT parent_id FROM unit WHERE code = 'SF-LJ')"
                        + " AND code <> 'SF-LJ' ORDER BY id LIMIT 1")
                .query(Long.class)
                .single();
    }

    private NewItem draft(String title, List<Long> coUnits, List<Milestone.Plan> steps) {
        return new NewItem(
                title,
                title + "：按期完成",
                ItemKind.PROJECT,
                ItemLevel.KEY,
                Cadence.MONTHLY,
                unitId("SF-LJ"),
                null,
                LocalDate.of(2099, 1, 1),
                LocalDate.of(2099, 12, 31),
                null,
                null,
                coUnits,
                List.of("批量"),
                steps,
                List.of());
    }

    private static Map<String, Object> indicator(String name) {
        return Map.of(
                "indicators",
                List.of(Map.of("name", name, "measure", "公里", "baseline", 0, "target", 10, "direction", "INCREASE")));
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    @Test
    void aBatchLandsAsOneAtATimeWould() {
        CurrentUser user = supervisor();
        long co = coUnit();
        ItemData single = items.create(
                user,
                draft("批量对照-逐条", List.of(co), List.of(new Milestone.Plan("开工", LocalDate.of(2099, 3, 1)))),
                indicator("新建管网"));
        long audits = count("SELECT count(*) FROM audit_event");

        List<ItemData> batch = items.createAll(
                user,
                List.of(
                        draft("批量对照-一", List.of(co), List.of(new Milestone.Plan("开工", LocalDate.of(2099, 3, 1)))),
                        draft("批量对照-二", List.of(), List.of())),
                List.of(indicator("新建管网"), Map.of()));

        assertThat(batch).extracting(ItemData::title).containsExactly("批量对照-一", "批量对照-二");
        String prefix = single.code().substring(0, single.code().lastIndexOf('-') + 1);
        int n = Integer.parseInt(single.code().substring(prefix.length()));
        assertThat(batch)
                .extracting(ItemData::code)
                .containsExactly(prefix + String.format("%04d", n + 1), prefix + String.format("%04d", n + 2));
        ItemData first = batch.getFirst();
        assertThat(first.status()).isEqualTo(ItemStatus.DRAFT);
        assertThat(first.leadUnitPath()).isEqualTo(single.leadUnitPath());
        assertThat(first.tags()).isEqualTo(single.tags());
        for (String table : List.of("item_co_unit", "item_milestone", "indicator")) {
            assertThat(count("SELECT count(*) FROM " + table + " WHERE item_id = " + first.id()))
                    .as(table)
                    .isEqualTo(count("SELECT count(*) FROM " + table + " WHERE item_id = " + single.id()))
                    .isOne();
        }
        assertThat(count("SELECT count(*) FROM item_event WHERE type = 'CREATED' AND item_id IN (" + first.id() + ", "
                        + batch.get(1).id() + ")"))
                .isEqualTo(2);
        assertThat(count("SELECT count(*) FROM audit_event"))
                .as("one record per item")
                .isEqualTo(audits + 2);
    }

    @Test
    void aRefusedItemIsNamedByItsPlaceAndNothingOfTheBatchIsWritten() {
        CurrentUser user = supervisor();
        long before = count("SELECT count(*) FROM item");
        long codes = count("SELECT coalesce(max(last), 0) FROM item_code_counter");

        ItemService.Refused outside = catchThrowableOfType(
                ItemService.Refused.class,
                () -> items.createAll(
                        user,
                        List.of(
                                draft("批量拒绝-一", List.of(), List.of()),
                                draft("批量拒绝-二", List.of(), List.of()),
                                draft("批量拒绝-三", List.of(987_654_321L), List.of())),
                        List.of(Map.of(), Map.of(), Map.of())));
        assertThat(outside.index()).isEqualTo(2);
        assertThat(outside.error().field()).isEqualTo("coUnitIds");

        ItemService.Refused twice = catchThrowableOfType(
                ItemService.Refused.class,
                () -> items.createAll(
                        user,
                        List.of(draft("批量拒绝-四", List.of(), List.of()), draft("批量拒绝-五", List.of(), List.of())),
                        List.of(
                                Map.of(),
                                Map.of(
                                        "indicators",
                                        List.of(
                                                Map.of("name", "同名", "measure", "个", "baseline", 0, "target", 1),
                                                Map.of("name", "同名", "measure", "个", "baseline", 0, "target", 2))))));
        assertThat(twice.index()).isEqualTo(1);
        assertThat(twice.error().field()).isEqualTo("indicators");

        assertThat(count("SELECT count(*) FROM item")).isEqualTo(before);
        assertThat(count("SELECT coalesce(max(last), 0) FROM item_code_counter"))
                .as("no code spent")
                .isEqualTo(codes);
    }
}
