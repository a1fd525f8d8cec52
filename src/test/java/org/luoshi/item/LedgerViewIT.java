package org.luoshi.item;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.luoshi.security.CurrentUser;
import org.luoshi.support.Api;
import org.luoshi.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** A ledger view read page by page, and its filters partitioning what they filter. */
class LedgerViewIT extends IntegrationTest {

    private static List<Long> ids(JsonNode page) {
        List<Long> ids = new ArrayList<>();
        page.get("items").forEach(i -> ids.add(i.get("id").asLong()));
        return ids;
    }

    @Test
    void pagesCoverTheViewOnceAndAPagePastTheEndKeepsTheTotal() {
        Api api = api();
        String supervisor = api.token("supervisor", DEMO_PASSWORD);
        long county = unitId("SF-LJ");
        String view = "/api/v1/items?unit=" + county + "&stage=LIVE&size=7";
        JsonNode first = api.get(view + "&page=1", supervisor).json();
        long total = first.get("total").asLong();
        assertThat(total).isGreaterThan(7);
        List<Long> seen = new ArrayList<>();
        for (int page = 1; (long) (page - 1) * 7 < total; page++) {
            JsonNode p = api.get(view + "&page=" + page, supervisor).json();
            assertThat(p.get("total").asLong()).isEqualTo(total);
            seen.addAll(ids(p));
        }
        assertThat(seen).hasSize((int) total).doesNotHaveDuplicates();
        JsonNode past = api.get(view + "&page=" + (total / 7 + 5), supervisor).json();
        assertThat(past.get("items")).isEmpty();
        assertThat(past.get("total").asLong()).isEqualTo(total);
        assertThat(api.get("/api/v1/items?unit=" + county + "&q=" + "无此事项标题", supervisor)
                        .json()
                        .get("total")
                        .asLong())
                .isZero();
    }

    @Autowired
    ItemQuery query;

    @Test
    void aCappedCountStopsAtItsCapSaysSoAndPagesOnByWhetherRowsFollow() {
        CurrentUser supervisor = supervisor();
        long live = jdbc.sql("SELECT count(*) FROM item WHERE status NOT IN ('DRAFT', 'CANCELLED')")
                .query(Long.class)
                .single();
        assertThat(live).isGreaterThan(12);
        var exact = query.list(supervisor, ItemQuery.Filter.byStage(ItemQuery.Stage.LIVE, null, 1, 5), null);
        assertThat(exact.total()).isEqualTo(live);
        assertThat(exact.capped()).isFalse();
        var capped = query.listCapped(supervisor, ItemQuery.Filter.byStage(ItemQuery.Stage.LIVE, null, 1, 5), null, 10);
        assertThat(capped.total()).isEqualTo(10);
        assertThat(capped.capped()).isTrue();
        assertThat(capped.hasNext()).isTrue();
        assertThat(capped.items())
                .extracting(ItemData::id)
                .isEqualTo(exact.items().stream().map(ItemData::id).toList());
        // a cap above the view's size counts it exactly
        var whole = query.listCapped(
                supervisor, ItemQuery.Filter.byStage(ItemQuery.Stage.LIVE, null, 1, 5), null, (int) live);
        assertThat(whole.total()).isEqualTo(live);
        assertThat(whole.capped()).isFalse();
        // paging past the cap goes on until the rows end, and the last page says so
        int lastPage = (int) ((live + 4) / 5);
        var last = query.listCapped(
                supervisor, ItemQuery.Filter.byStage(ItemQuery.Stage.LIVE, null, lastPage, 5), null, 10);
        assertThat(last.items()).hasSize((int) (live - (lastPage - 1) * 5L));
        assertThat(last.hasNext()).isFalse();
        var before = query.listCapped(
                supervisor, ItemQuery.Filter.byStage(ItemQuery.Stage.LIVE, null, lastPage - 1, 5), null, 10);
        assertThat(before.hasNext()).isTrue();
        // the last page knows the total from what precedes it; a page past the end still counts
        var lastUncapped = query.listCapped(
                supervisor, ItemQuery.Filter.byStage(ItemQuery.Stage.LIVE, null, lastPage, 5), null, (int) live);
        assertThat(lastUncapped.total()).isEqualTo(live);
        assertThat(lastUncapped.capped()).isFalse();
        var past = query.listCapped(
                supervisor, ItemQuery.Filter.byStage(ItemQuery.Stage.LIVE, null, lastPage + 1, 5), null, (int) live);
        assertThat(past.items()).isEmpty();
        assertThat(past.total()).isEqualTo(live);
        assertThat(past.hasNext()).isFalse();
    }

    @Test
    void theApiCountsUpToItsCapUnlessAskedForTheExactFigureAndRefusesAnyOtherCount() {
        Api api = api();
        String supervisor = api.token("supervisor", DEMO_PASSWORD);
        JsonNode capped = api.get("/api/v1/items?stage=LIVE&size=3", supervisor).json();
        JsonNode exact = api.get("/api/v1/items?stage=LIVE&size=3&count=exact", supervisor)
                .json();
        // the demo city is far below the cap: both are exact
        assertThat(capped.get("total").asLong()).isEqualTo(exact.get("total").asLong());
        assertThat(capped.get("totalCapped").asBoolean()).isFalse();
        assertThat(capped.get("hasNext").asBoolean()).isTrue();
        assertThat(exact.get("hasNext").asBoolean()).isTrue();
        // a view with a visibility test per row (a liaison's) is counted whole, never capped
        String liaison = api.token("liaison", DEMO_PASSWORD);
        JsonNode own = api.get("/api/v1/items?stage=LIVE&size=2", liaison).json();
        assertThat(own.get("total").asLong())
                .isPositive()
                .isEqualTo(api.get("/api/v1/items?stage=LIVE&size=2&count=exact", liaison)
                        .json()
                        .get("total")
                        .asLong());
        assertThat(own.get("totalCapped").asBoolean()).isFalse();
        assertThat(own.get("hasNext").asBoolean()).isEqualTo(own.get("total").asLong() > 2);
        var bad = api.get("/api/v1/items?count=some", supervisor);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("count");
    }

    @Test
    void aUnitFindsInItsLedgerWhatItCoHandlesThoughAnotherUnitLeadsIt() {
        Api api = api();
        String supervisor = api.token("supervisor", DEMO_PASSWORD);
        String ownPath = jdbc.sql(
                        "SELECT u.path FROM account a JOIN unit u ON u.id = a.unit_id WHERE a.username = 'liaison'")
                .query(String.class)
                .single();
        long ownUnit = jdbc.sql("SELECT id FROM unit WHERE path = :p")
                .param("p", ownPath)
                .query(Long.class)
                .single();
        // a unit neither above nor below the liaison's, to lead the item
        long other = jdbc.sql("SELECT id FROM unit WHERE parent_id IS NOT NULL AND NOT starts_with(path, :p)"
                        + " AND NOT starts_with(:p, path) ORDER BY id LIMIT 1")
                .param("p", ownPath)
                .query(Long.class)
                .single();
        String title = "协办单位可见" + System.nanoTime();
        var created = api.post(
                "/api/v1/items",
                supervisor,
                Map.of(
                        "title", title,
                        "content", "由另一单位牵头，本单位配合",
                        "kind", "PROJECT",
                        "leadUnitId", other,
                        "coUnitIds", List.of(ownUnit),
                        "deadline", "2099-06-30",
                        "cadence", "MONTHLY"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String liaison = api.token("liaison", DEMO_PASSWORD);
        for (String count : List.of("", "&count=exact")) {
            JsonNode seen = api.get("/api/v1/items?q=" + title + count, liaison).json();
            assertThat(seen.get("total").asLong()).isEqualTo(1);
            assertThat(seen.get("items").get(0).get("title").asString()).isEqualTo(title);
        }
    }

    @Test
    void overdueAndNotOverduePartitionTheOpenItemsIncludingThoseWithoutDeadline() {
        Api api = api();
        String supervisor = api.token("supervisor", DEMO_PASSWORD);
        long county = unitId("SF-LJ");
        String open = "/api/v1/items?unit=" + county + "&stage=OPEN&size=200";
        long undated = jdbc.sql("SELECT i.id FROM item i JOIN unit u ON i.lead_unit_path LIKE u.path || '%'"
                        + " WHERE u.code = 'SF-LJ' AND i.status IN ('ACCEPTED', 'IN_PROGRESS') ORDER BY i.id LIMIT 1")
                .query(Long.class)
                .single();
        var deadline = jdbc.sql("SELECT deadline FROM item WHERE id = :id")
                .param("id", undated)
                .query(java.time.LocalDate.class)
                .single();
        Integer days = jdbc.sql("SELECT deadline_days FROM item WHERE id = :id")
                .param("id", undated)
                .query(Integer.class)
                .optional()
                .orElse(null);
        // an item may run on "N days from signing" and have no date yet
        jdbc.sql("UPDATE item SET deadline = NULL, deadline_days = 30 WHERE id = :id")
                .param("id", undated)
                .update();
        try {
            JsonNode all = api.get(open, supervisor).json();
            JsonNode late = api.get(open + "&overdue=true", supervisor).json();
            JsonNode onTime = api.get(open + "&overdue=false", supervisor).json();
            assertThat(late.get("total").asLong() + onTime.get("total").asLong())
                    .isEqualTo(all.get("total").asLong());
            assertThat(late.get("total").asLong()).isPositive();
            late.get("items")
                    .forEach(i -> assertThat(i.get("overdue").asBoolean()).isTrue());
            onTime.get("items")
                    .forEach(i -> assertThat(i.get("overdue").asBoolean()).isFalse());
            Set<Long> notLate = new HashSet<>(ids(onTime));
            assertThat(notLate).contains(undated);
            // a page of one leaves rows after it, so the total is counted, the undated item with them
            JsonNode counted = api.get(open.replace("size=200", "size=1") + "&overdue=false", supervisor)
                    .json();
            assertThat(counted.get("total").asLong())
                    .isEqualTo(onTime.get("total").asLong());
            assertThat(counted.get("hasNext").asBoolean()).isTrue();
        } finally {
            jdbc.sql("UPDATE item SET deadline = :d, deadline_days = :days WHERE id = :id")
                    .param("d", deadline)
                    .param("days", days)
                    .param("id", undated)
                    .update();
        }
    }
}
