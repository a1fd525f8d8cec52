package org.luoshi.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.luoshi.item.ItemQuery;
import org.luoshi.progress.Pace;
import org.luoshi.progress.PaceService;
import org.luoshi.progress.Warning;
import org.luoshi.support.Api;
import org.luoshi.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The dashboard's numbers against the ledger the API lists, on PostgreSQL. */
class DashboardIT extends IntegrationTest {

    @Autowired
    PaceService pace;

    @Autowired
    ItemQuery items;

    private static List<JsonNode> ledger(Api api, String token, long unit) {
        List<JsonNode> all = new ArrayList<>();
        for (int page = 1; ; page++) {
            JsonNode p = api.get("/api/v1/items?unit=" + unit + "&size=200&page=" + page, token)
                    .json();
            p.get("items").forEach(i -> {
                if (!Set.of("DRAFT", "CANCELLED").contains(i.get("status").asString())) {
                    all.add(i);
                }
            });
            if ((long) page * 200 >= p.get("total").asLong()) {
                return all;
            }
        }
    }

    private static int sum(JsonNode counts) {
        int n = 0;
        for (JsonNode c : counts) {
            n += c.get("count").asInt();
        }
        return n;
    }

    @Test
    void theCountyDashboardCountsItsLedger() {
        Api api = api();
        String supervisor = api.token("supervisor", DEMO_PASSWORD);
        long county = unitId("SF-LJ");
        JsonNode d = api.get("/api/v1/dashboard?unit=" + county, supervisor).json();
        List<JsonNode> items = ledger(api, supervisor, county);

        assertThat(d.get("unitName").asString()).isEqualTo("临江区");
        assertThat(d.get("total").asInt()).isEqualTo(items.size());
        assertThat(d.get("closed").asInt()).isEqualTo((int) items.stream()
                .filter(i -> i.get("status").asString().equals("CLOSED"))
                .count());
        assertThat(d.get("overdue").asInt()).isEqualTo((int)
                items.stream().filter(i -> i.get("overdue").asBoolean()).count());
        assertThat(sum(d.get("byStatus"))).isEqualTo(items.size());
        assertThat(sum(d.get("byKind"))).isEqualTo(items.size());
        assertThat(sum(d.get("byWarning"))).isEqualTo(d.get("open").asInt());
        // every item belongs to exactly one row of the ranking
        int rows = 0;
        Integer previous = null;
        for (JsonNode r : d.get("units")) {
            rows += r.get("total").asInt();
            Integer rate =
                    r.get("onTimeRate").isNull() ? -1 : r.get("onTimeRate").asInt();
            if (previous != null) {
                assertThat(rate).as("ranked by on-time closure").isLessThanOrEqualTo(previous);
            }
            previous = rate;
            if (r.get("href").isNull()) {
                assertThat(r.get("name").asString()).endsWith("（本级）");
                continue;
            }
            assertThat(r.get("href").asString()).endsWith("&stage=LIVE");
            // the number in the row is the number of the ledger view it leads to
            assertThat(api.get("/api/v1" + r.get("href").asString().replace("/items?", "/items?size=1&"), supervisor)
                            .json()
                            .get("total")
                            .asInt())
                    .isEqualTo(r.get("total").asInt());
        }
        assertThat(rows).isEqualTo(items.size());
        for (JsonNode c : d.get("byStatus")) {
            assertThat(c.get("href").asString())
                    .isEqualTo(
                            "/items?unit=" + county + "&status=" + c.get("key").asString());
        }
        for (JsonNode c : d.get("byKind")) {
            assertThat(api.get("/api/v1" + c.get("href").asString().replace("/items?", "/items?size=1&"), supervisor)
                            .json()
                            .get("total")
                            .asInt())
                    .isEqualTo(c.get("count").asInt());
        }
        assertThat(api.get("/api/v1/items?size=1&stage=OPEN&unit=" + county, supervisor)
                        .json()
                        .get("total")
                        .asInt())
                .isEqualTo(d.get("open").asInt());
        assertThat(d.get("months")).hasSize(6);
    }

    @Test
    void coloursAreTheLedgersPacesAndFollowAChangeAtOnce() {
        Api api = api();
        String supervisor = api.token("supervisor", DEMO_PASSWORD);
        long county = unitId("SF-LJ");
        JsonNode before =
                api.get("/api/v1/dashboard?unit=" + county, supervisor).json();
        List<Long> open = ledger(api, supervisor, county).stream()
                .filter(i -> !Set.of("CLOSED").contains(i.get("status").asString()))
                .map(i -> i.get("id").asLong())
                .toList();
        // computed directly, item by item, as the item page does
        Map<Long, Pace> direct = pace.of(items.byIds(open));
        Map<String, Long> expected = new HashMap<>();
        direct.values().forEach(p -> expected.merge(p.warning().name(), 1L, Long::sum));
        for (JsonNode w : before.get("byWarning")) {
            assertThat((long) w.get("count").asInt())
                    .as(w.get("key").asString())
                    .isEqualTo(expected.getOrDefault(w.get("key").asString(), 0L));
        }

        // a change to what a pace reads marks the kept row stale in the same statement
        long item = open.getFirst();
        long gen = jdbc.sql("SELECT gen FROM item_pace WHERE item_id = :id AND NOT stale")
                .param("id", item)
                .query(Long.class)
                .single();
        jdbc.sql("UPDATE item SET deadline = deadline + 400 WHERE id = :id")
                .param("id", item)
                .update();
        assertThat(jdbc.sql("SELECT stale FROM item_pace WHERE item_id = :id AND gen = :gen")
                        .param("id", item)
                        .param("gen", gen + 1)
                        .query(Boolean.class)
                        .single())
                .isTrue();
        // the next dashboard recomputes it, and counts what the item page would say now
        JsonNode after = api.get("/api/v1/dashboard?unit=" + county, supervisor).json();
        String now = pace.of(items.byIds(List.of(item))).get(item).warning().name();
        assertThat(jdbc.sql("SELECT warning FROM item_pace WHERE item_id = :id AND NOT stale")
                        .param("id", item)
                        .query(String.class)
                        .single())
                .isEqualTo(now);
        Map<String, Long> moved = new HashMap<>(expected);
        moved.merge(direct.get(item).warning().name(), -1L, Long::sum);
        moved.merge(now, 1L, Long::sum);
        for (JsonNode w : after.get("byWarning")) {
            assertThat((long) w.get("count").asInt())
                    .isEqualTo(moved.getOrDefault(w.get("key").asString(), 0L));
        }
        jdbc.sql("UPDATE item SET deadline = deadline - 400 WHERE id = :id")
                .param("id", item)
                .update();
    }

    @Test
    void theRedListAndThisWeeksListAreTheLedgersOwnInTheirOrder() {
        Api api = api();
        String supervisor = api.token("supervisor", DEMO_PASSWORD);
        long county = unitId("SF-LJ");
        String path = "/api/v1/dashboard?unit=" + county;
        LocalDate today =
                LocalDate.parse(api.get(path, supervisor).json().get("today").asString());
        Set<String> open = Set.of("DISPATCHED", "ACCEPTED", "IN_PROGRESS", "CLOSURE_REQUESTED");
        List<Long> openIds = ledger(api, supervisor, county).stream()
                .filter(i -> open.contains(i.get("status").asString()))
                .map(i -> i.get("id").asLong())
                .toList();
        // two open items fall due today, so that this week's list has something whatever the day
        List<Long> dueToday = openIds.subList(openIds.size() - 2, openIds.size());
        Map<Long, LocalDate> deadlines = new HashMap<>();
        items.byIds(dueToday).forEach(i -> deadlines.put(i.id(), i.deadline()));
        jdbc.sql("UPDATE item SET deadline = :today WHERE id = ANY(:ids)")
                .param("today", today)
                .param("ids", dueToday.toArray(Long[]::new))
                .update();
        try {
            JsonNode d = api.get(path, supervisor).json();
            var current = items.byIds(openIds);
            Map<Long, Pace> paces = pace.of(current);
            Map<Long, LocalDate> deadline = new HashMap<>();
            current.forEach(i -> deadline.put(i.id(), i.deadline()));
            Comparator<Long> byDeadline =
                    Comparator.comparing(deadline::get, Comparator.nullsLast(Comparator.naturalOrder()));
            List<Long> red = openIds.stream()
                    .filter(id -> paces.get(id).warning() == Warning.RED)
                    .sorted(Comparator.comparing((Long id) -> -paces.get(id).lagPoints())
                            .thenComparing(byDeadline)
                            .thenComparing(Comparator.naturalOrder()))
                    .limit(10)
                    .toList();
            assertThat(red).isNotEmpty();
            assertThat(ids(d.get("red"))).isEqualTo(red);
            for (JsonNode r : d.get("red")) {
                assertThat(r.get("note").asString())
                        .isEqualTo(Pace.sentence(paces.get(r.get("id").asLong()).lagPoints()));
            }
            LocalDate sunday = today.with(DayOfWeek.SUNDAY);
            List<Long> week = openIds.stream()
                    .filter(id -> deadline.get(id) != null
                            && !deadline.get(id).isBefore(today)
                            && !deadline.get(id).isAfter(sunday))
                    .sorted(byDeadline.thenComparing(Comparator.naturalOrder()))
                    .limit(10)
                    .toList();
            assertThat(week).containsAnyElementsOf(dueToday);
            assertThat(ids(d.get("dueThisWeek"))).isEqualTo(week);
        } finally {
            deadlines.forEach((id, was) -> jdbc.sql("UPDATE item SET deadline = :was WHERE id = :id")
                    .param("was", was)
                    .param("id", id)
                    .update());
        }
    }

    private static List<Long> ids(JsonNode rows) {
        List<Long> ids = new ArrayList<>();
        rows.forEach(r -> ids.add(r.get("id").asLong()));
        return ids;
    }

    @Autowired
    UnitTallies tallies;

    private Tally countedOnTheSpot(String path) {
        String upper = path.substring(0, path.length() - 1) + "0";
        Tally total = Tally.empty();
        tallies.count(
                        "'all'",
                        "i.lead_unit_path >= :lo AND i.lead_unit_path < :hi AND i.status NOT IN ('DRAFT', 'CANCELLED')",
                        Map.of("lo", path, "hi", upper))
                .values()
                .forEach(total::add);
        return total;
    }

    @Test
    void keptCountsOfEveryUnitAreItsSubtreeCountedOnTheSpotAndFollowAChangeUpTheTree() {
        Api api = api();
        String supervisor = api.token("supervisor", DEMO_PASSWORD);
        JsonNode city = api.get("/api/v1/dashboard", supervisor).json();
        tallies.refreshAll();
        record U(long id, String path, String own, String subtree) {}
        List<U> kept = jdbc.sql("SELECT u.id, u.path, t.own, t.subtree FROM unit_tally t"
                        + " JOIN unit u ON u.id = t.unit_id WHERE NOT t.stale AND t.as_of IS NOT NULL")
                .query((rs, n) -> new U(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list();
        assertThat(kept)
                .hasSize(jdbc.sql("SELECT count(*) FROM unit")
                        .query(Integer.class)
                        .single());
        for (U u : kept) {
            assertThat(Tally.decode(u.subtree())).as(u.path()).isEqualTo(countedOnTheSpot(u.path()));
        }
        assertThat(city.get("total").asInt()).isPositive();

        // an item deep in the tree changes kind: its unit and every ancestor are marked, a sibling is not
        record Item(long id, String kind, String path) {}
        Item item = jdbc.sql("SELECT i.id, i.kind, i.lead_unit_path FROM item i JOIN unit u ON u.id = i.lead_unit_id"
                        + " WHERE u.depth >= 2 AND i.status = 'IN_PROGRESS' ORDER BY u.depth DESC, i.id LIMIT 1")
                .query((rs, n) -> new Item(rs.getLong(1), rs.getString(2), rs.getString(3)))
                .single();
        String other = item.kind().equals("TARGET") ? "INSTRUCTION" : "TARGET";
        jdbc.sql("UPDATE item SET kind = :k WHERE id = :id")
                .param("k", other)
                .param("id", item.id())
                .update();
        List<Long> lineage = Arrays.stream(item.path().substring(1).split("/"))
                .map(Long::valueOf)
                .toList();
        assertThat(jdbc.sql("SELECT unit_id FROM unit_tally WHERE stale")
                        .query(Long.class)
                        .list())
                .containsExactlyInAnyOrderElementsOf(lineage);

        JsonNode after = api.get("/api/v1/dashboard", supervisor).json();
        assertThat(kindCount(after, item.kind())).isEqualTo(kindCount(city, item.kind()) - 1);
        assertThat(kindCount(after, other)).isEqualTo(kindCount(city, other) + 1);
        assertThat(after.get("total").asInt()).isEqualTo(city.get("total").asInt());
        jdbc.sql("UPDATE item SET kind = :k WHERE id = :id")
                .param("k", item.kind())
                .param("id", item.id())
                .update();
    }

    private static int kindCount(JsonNode dashboard, String kind) {
        for (JsonNode c : dashboard.get("byKind")) {
            if (c.get("key").asString().equals(kind)) {
                return c.get("count").asInt();
            }
        }
        return 0;
    }

    @Test
    void aPersonSeesHisOwnAndNotOthers() {
        Api api = api();
        long county = unitId("SF-LJ");
        assertThat(api.get("/api/v1/dashboard?unit=" + county, null).status()).isEqualTo(401);
        String dept = api.token("deptliaison", DEMO_PASSWORD);
        assertThat(api.get("/api/v1/dashboard?unit=" + county, dept).status()).isEqualTo(404);
        // without a unit: a liaison's own unit, a supervisor's whole jurisdiction
        assertThat(api.get("/api/v1/dashboard", api.token("liaison", DEMO_PASSWORD))
                        .json()
                        .get("unitName")
                        .asString())
                .isEqualTo("临江区");
        // a leader opens on his portfolio: the items he leads, each number its ledger view
        String leader = api.token("leader", DEMO_PASSWORD);
        JsonNode portfolio = api.get("/api/v1/dashboard", leader).json();
        long leaderId = jdbc.sql("SELECT id FROM account WHERE username = 'leader'")
                .query(Long.class)
                .single();
        int led = api.get(
                        "/api/v1/items?size=1&stage=LIVE&leader=" + leaderId + "&unit="
                                + portfolio.get("unitId").asLong(),
                        leader)
                .json()
                .get("total")
                .asInt();
        assertThat(portfolio.get("total").asInt()).isEqualTo(led).isPositive();
        // the supervisor looks at the same portfolio by the leader's id
        assertThat(api.get("/api/v1/dashboard?leader=" + leaderId, api.token("supervisor", DEMO_PASSWORD))
                        .json()
                        .get("total")
                        .asInt())
                .isEqualTo(led);
        assertThat(api.get("/api/v1/dashboard", api.token("supervisor", DEMO_PASSWORD))
                        .json()
                        .get("unitName")
                        .asString())
                .isEqualTo("示范市");
    }
}
