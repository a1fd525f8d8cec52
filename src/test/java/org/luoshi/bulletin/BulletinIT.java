package org.luoshi.bulletin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.luoshi.support.Api;
import org.luoshi.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Bulletins drafted from the demo ledger, checked against the ledger as the API lists it. */
class BulletinIT extends IntegrationTest {

    static final byte[] PDF = "%PDF-1.7\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    @Autowired
    BulletinService bulletins;

    private JsonNode draft(Api api, String token, long unit, String kind, LocalDate day, boolean fresh) {
        Api.Response r = api.post(
                "/api/v1/bulletins",
                token,
                Map.of("unitId", unit, "kind", kind, "day", day.toString(), "fresh", fresh));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    private static JsonNode row(JsonNode bulletin, String unitName) {
        return bulletin.get("figures")
                .get("ranking")
                .valueStream()
                .filter(r -> r.get("name").asString().equals(unitName))
                .findFirst()
                .orElseThrow();
    }

    /** Every live item of a unit's subtree, as the ledger API lists it. */
    private List<JsonNode> ledger(Api api, String token, long unit) {
        List<JsonNode> all = new ArrayList<>();
        for (int page = 1; ; page++) {
            JsonNode p = api.get("/api/v1/items?unit=" + unit + "&stage=LIVE&size=200&page=" + page, token)
                    .json();
            p.get("items").forEach(all::add);
            if (p.get("items").size() < 200) {
                return all;
            }
        }
    }

    @Test
    void theFiguresAreTheLedgersAndAnEarlyClosureShowsAsAGoodExample() {
        Api api = api();
        String supervisor = api.token("supervisor", DEMO_PASSWORD);
        long county = unitId("SF-LJ");
        LocalDate today = LocalDate.now();
        JsonNode before = draft(api, supervisor, county, "MONTH", today, true);
        JsonNode figures = before.get("figures");
        LocalDate from = LocalDate.parse(figures.get("from").asString());
        LocalDate to = LocalDate.parse(figures.get("to").asString());
        LocalDate asOf = LocalDate.parse(figures.get("asOf").asString());
        assertThat(asOf).isEqualTo(today);

        // each unit's line, counted again here from the ledger API
        int sumDue = 0;
        for (JsonNode r : figures.get("ranking")) {
            sumDue += r.get("due").asInt();
            if (r.get("name").asString().endsWith("（本级）")) {
                continue;
            }
            int due = 0, onTime = 0, open = 0, overdue = 0;
            for (JsonNode i : ledger(api, supervisor, r.get("unitId").asLong())) {
                LocalDate deadline = i.get("deadline").isNull()
                        ? null
                        : LocalDate.parse(i.get("deadline").asString());
                LocalDate closed = i.get("closedAt").isNull()
                        ? null
                        : java.time.Instant.parse(i.get("closedAt").asString())
                                .atZone(java.time.ZoneId.of("Asia/Shanghai"))
                                .toLocalDate();
                if (closed != null && closed.isBefore(from)) {
                    continue;
                }
                boolean dueIn = deadline != null && !deadline.isBefore(from) && !deadline.isAfter(to);
                if (closed != null || dueIn) {
                    due++;
                    if (closed != null && (deadline == null || !closed.isAfter(deadline))) {
                        onTime++;
                    }
                }
                if (closed == null) {
                    open++;
                    if (deadline != null && deadline.isBefore(asOf)) {
                        overdue++;
                    }
                }
            }
            assertThat(r.get("due").asInt()).as(r.get("name").asString()).isEqualTo(due);
            assertThat(r.get("closedOnTime").asInt())
                    .as(r.get("name").asString())
                    .isEqualTo(onTime);
            assertThat(r.get("open").asInt()).as(r.get("name").asString()).isEqualTo(open);
            assertThat(r.get("overdue").asInt()).as(r.get("name").asString()).isEqualTo(overdue);
        }
        assertThat(sumDue).isEqualTo(figures.get("totals").get("due").asInt());
        // within each group, ranks follow the scores
        Map<String, List<Double>> byGroup = new java.util.LinkedHashMap<>();
        figures.get("ranking").forEach(r -> {
            if (!r.get("score").isNull()) {
                byGroup.computeIfAbsent(r.get("group").asString(), g -> new ArrayList<>())
                        .add(r.get("score").asDouble());
            }
        });
        assertThat(byGroup).containsKey("乡镇/街道");
        byGroup.values().forEach(scores -> assertThat(scores).isSortedAccordingTo(java.util.Comparator.reverseOrder()));
        // the overdue it names are open and past their deadline
        for (JsonNode l : figures.get("overdue")) {
            JsonNode item = api.get("/api/v1/items/" + l.get("itemId").asLong(), supervisor)
                    .json();
            assertThat(item.get("closedAt").isNull()).isTrue();
            assertThat(LocalDate.parse(item.get("deadline").asString())).isBefore(asOf);
        }

        // a town closes an item early and well: one more on time, and a good example
        long town = unitId("SF-LJ-JB");
        JsonNode item = api.post(
                        "/api/v1/items",
                        supervisor,
                        Map.of(
                                "title", "更换江北街道破损井盖",
                                "content", "排查并更换辖区破损井盖",
                                "kind", "LIVELIHOOD",
                                "cadence", "ONCE",
                                "leadUnitId", town,
                                "deadline", "2099-12-31"))
                .json();
        long id = item.get("id").asLong();
        api.post("/api/v1/items/" + id + "/dispatch", supervisor, Map.of());
        String liaison = api.token("townliaison", DEMO_PASSWORD);
        api.post("/api/v1/items/" + id + "/accept", liaison, Map.of());
        api.upload("/api/v1/items/" + id + "/files", liaison, "验收单.pdf", PDF);
        api.post("/api/v1/items/" + id + "/request-closure", liaison, Map.of("conclusion", "已更换井盖46个"));
        api.post("/api/v1/items/" + id + "/judge-closure", supervisor, Map.of("accept", true, "rating", "SATISFIED"));

        JsonNode after = draft(api, supervisor, county, "MONTH", today, true);
        assertThat(after.get("id").asLong()).isEqualTo(before.get("id").asLong());
        JsonNode was = row(before, "江北街道");
        JsonNode now = row(after, "江北街道");
        assertThat(now.get("due").asInt()).isEqualTo(was.get("due").asInt() + 1);
        assertThat(now.get("closedOnTime").asInt())
                .isEqualTo(was.get("closedOnTime").asInt() + 1);
        assertThat(after.get("figures")
                        .get("good")
                        .valueStream()
                        .map(l -> l.get("itemId").asLong()))
                .contains(id);
        assertThat(after.get("blocks").toString()).contains("更换江北街道破损井盖").contains("评价满意");
    }

    @Test
    void aPastMonthCountsTheItemsTakenOverFromPaperBeforeIt() {
        Api api = api();
        String supervisor = api.token("supervisor", DEMO_PASSWORD);
        long county = unitId("SF-LJ");
        LocalDate lastMonth = LocalDate.now().minusMonths(1);
        JsonNode b = draft(api, supervisor, county, "MONTH", lastMonth, true);
        LocalDate end = LocalDate.parse(b.get("figures").get("to").asString());
        // the demo's items were typed in today but dispatched months ago: they were on last month's ledger
        long dispatchedBefore = ledger(api, supervisor, county).stream()
                .filter(i -> !i.get("dispatchedAt").isNull()
                        && java.time.Instant.parse(i.get("dispatchedAt").asString())
                                .isBefore(end.plusDays(1)
                                        .atStartOfDay(java.time.ZoneId.of("Asia/Shanghai"))
                                        .toInstant()))
                .count();
        assertThat(dispatchedBefore).isPositive();
        assertThat(b.get("figures").get("totals").get("live").asLong()).isEqualTo(dispatchedBefore);
        assertThat(b.get("figures").get("asOf").asString()).isEqualTo(end.toString());
    }

    @Test
    void aPublishedBulletinIsFinalAndReadByTheUnitsConcerned() throws Exception {
        Api api = api();
        String supervisor = api.token("supervisor", DEMO_PASSWORD);
        long county = unitId("SF-LJ");
        JsonNode b = draft(api, supervisor, county, "WEEK", LocalDate.now().minusWeeks(1), false);
        long id = b.get("id").asLong();
        String path = "/api/v1/bulletins/" + id;

        String town = api.token("townliaison", DEMO_PASSWORD);
        String dept = api.token("deptliaison", DEMO_PASSWORD);
        assertThat(api.get(path, town).status())
                .as("a draft is the supervisors'")
                .isEqualTo(404);
        assertThat(api.get("/api/v1/bulletins/99999999", town).status()).isEqualTo(404);
        assertThat(api.post(
                                path + "/publish",
                                town,
                                Map.of("version", b.get("version").asInt()))
                        .status())
                .as("publishing is a supervisor's: refused at the door, whatever the id")
                .isEqualTo(403);

        List<Map<String, Object>> blocks = new ArrayList<>();
        b.get("blocks")
                .forEach(k -> blocks.add(Map.of(
                        "level", k.get("level").asInt(), "text", k.get("text").asString())));
        blocks.add(Map.of("level", 0, "text", "请江北街道于下周五前报送整改情况。"));
        JsonNode edited = api.put(
                        path,
                        supervisor,
                        Map.of(
                                "version",
                                b.get("version").asInt(),
                                "title",
                                b.get("title").asString(),
                                "blocks",
                                blocks))
                .json();
        assertThat(edited.get("edited").asBoolean()).isTrue();
        assertThat(api.put(
                                path,
                                supervisor,
                                Map.of("version", b.get("version").asInt(), "title", "旧版本", "blocks", blocks))
                        .status())
                .as("an edit over a stale version")
                .isEqualTo(409);

        JsonNode published = api.post(
                        path + "/publish",
                        supervisor,
                        Map.of("version", edited.get("version").asInt()))
                .json();
        assertThat(published.get("published").asBoolean()).isTrue();
        assertThat(published.get("number").asString()).matches("\\d{4}年第\\d+期");
        assertThat(api.put(
                                path,
                                supervisor,
                                Map.of("version", published.get("version").asInt(), "title", "改", "blocks", blocks))
                        .status())
                .isEqualTo(409);
        assertThat(api.delete(path + "?version=" + published.get("version").asInt(), supervisor)
                        .status())
                .isEqualTo(409);
        assertThat(api.post(
                                "/api/v1/bulletins",
                                supervisor,
                                Map.of(
                                        "unitId",
                                        county,
                                        "kind",
                                        "WEEK",
                                        "day",
                                        LocalDate.now().minusWeeks(1).toString(),
                                        "fresh",
                                        true))
                        .status())
                .as("no redraft of a published period")
                .isEqualTo(409);
        // not even the database lets it change
        assertThatThrownBy(() -> jdbc.sql("UPDATE bulletin SET title = 'x' WHERE id = :id")
                        .param("id", id)
                        .update())
                .hasMessageContaining("published");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM bulletin WHERE id = :id")
                        .param("id", id)
                        .update())
                .hasMessageContaining("published");

        // the town under the county reads it; a city department does not
        JsonNode read = api.get(path, town).json();
        assertThat(read.get("blocks").toString()).contains("请江北街道于下周五前报送整改情况");
        assertThat(api.get("/api/v1/bulletins", town)
                        .json()
                        .get("bulletins")
                        .valueStream()
                        .map(x -> x.get("id").asLong()))
                .contains(id);
        assertThat(api.get(path, dept).status()).isEqualTo(404);

        // the official document
        byte[] docx = api.bytes(path + "/document", town);
        String xml = null;
        try (var zip = new ZipInputStream(new java.io.ByteArrayInputStream(docx))) {
            for (var e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().equals("word/document.xml")) {
                    xml = new String(zip.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        assertThat(xml).contains("临江区").contains("各单位排名").contains("请江北街道于下周五前报送整改情况");
        // found by the search box
        assertThat(api.get("/api/v1/search?q=报送整改", town)
                        .json()
                        .get("hits")
                        .valueStream()
                        .map(h -> h.get("kind").asString()))
                .contains("BULLETIN");
    }

    @Test
    void theScheduleDraftsEachEndedPeriodOnce() {
        LocalDate day = LocalDate.of(2026, 8, 3);
        long before = jdbc.sql("SELECT count(*) FROM bulletin WHERE period_start IN ('2026-07-01', '2026-04-01')")
                .query(Long.class)
                .single();
        int made = bulletins.draftDue(day);
        assertThat(made).isPositive();
        assertThat(bulletins.draftDue(day)).as("once only").isZero();
        List<Map<String, Object>> rows = jdbc.sql("""
                        SELECT period_kind, period_start, period_end, drafted_by, status FROM bulletin
                         WHERE period_start IN ('2026-07-01', '2026-04-01') ORDER BY period_kind
                        """).query().listOfRows();
        assertThat(rows).hasSize((int) before + made);
        assertThat(rows).anySatisfy(r -> {
            assertThat(r.get("period_kind")).isEqualTo("MONTH");
            assertThat(r.get("period_end").toString()).isEqualTo("2026-07-31");
            assertThat(r.get("drafted_by")).isEqualTo("system");
            assertThat(r.get("status")).isEqualTo("DRAFT");
        });
        assertThat(rows)
                .anySatisfy(r -> assertThat(r.get("period_end").toString()).isEqualTo("2026-06-30"));

        // the same job under the scheduler, on the real clock
        Api api = api();
        String admin = api.token("sysadmin", DEMO_PASSWORD);
        Api.Response run = api.post("/api/v1/jobs/bulletins.draft/run", admin, Map.of());
        assertThat(run.status()).as(run.body()).isEqualTo(200);
        assertThat(run.json().get("ran").asBoolean()).isTrue();
        assertThat(run.json()
                        .get("jobs")
                        .valueStream()
                        .filter(j -> j.toString().contains("bulletins.draft"))
                        .findFirst()
                        .orElseThrow()
                        .toString())
                .contains("起草通报");
    }
}
