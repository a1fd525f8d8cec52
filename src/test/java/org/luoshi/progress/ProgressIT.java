package org.luoshi.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.luoshi.support.Api;
import org.luoshi.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

/** Indicators, reports with their versions and decisions, and the pace they make, on PostgreSQL. */
class ProgressIT extends IntegrationTest {

    @org.springframework.beans.factory.annotation.Autowired
    private PaceStore paceStore;

    @org.springframework.beans.factory.annotation.Autowired
    private PaceService paces;

    @org.springframework.beans.factory.annotation.Autowired
    private org.luoshi.item.ItemQuery itemQuery;

    private Api api;
    private String supervisor;
    private String liaison;
    private final LocalDate today = LocalDate.now();
    private final String thisMonth = YearMonth.now().toString();

    @BeforeEach
    void login() {
        api = api();
        supervisor = api.token("supervisor", DEMO_PASSWORD);
        liaison = api.token("liaison", DEMO_PASSWORD);
        // the demo city has 临江区's head approve its reports; these tests write straight to the supervisor
        api.put(
                "/api/v1/units/" + unitId("SF-LJ") + "/report-settings",
                supervisor,
                Map.of("headApprovalRequired", false));
    }

    /** An accepted monthly item of 临江区, half its span gone, with one indicator 0 → 10. */
    private JsonNode acceptedItem(String title, String unit, String token) {
        Map<String, Object> body = new HashMap<>(Map.of(
                "title",
                title,
                "content",
                "年内完成投资10亿元",
                "kind",
                "PROJECT",
                "leadUnitId",
                unitId(unit),
                "startDate",
                today.minusDays(100).toString(),
                "deadline",
                today.plusDays(100).toString(),
                "cadence",
                "MONTHLY",
                "indicators",
                List.of(Map.of(
                        "name",
                        "完成投资",
                        "measure",
                        "亿元",
                        "baseline",
                        0,
                        "target",
                        10,
                        "direction",
                        "INCREASE",
                        "weight",
                        1))));
        Api.Response created = api.post("/api/v1/items", supervisor, body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        api.post("/api/v1/items/" + id + "/dispatch", supervisor, Map.of());
        assertThat(api.post("/api/v1/items/" + id + "/accept", token, Map.of()).status())
                .isEqualTo(200);
        return api.get("/api/v1/items/" + id, supervisor).json();
    }

    private Api.Response report(String token, long item, Map<String, Object> body) {
        return api.post("/api/v1/items/" + item + "/reports", token, body);
    }

    @Test
    void aReportMovesTheIndicatorAndThePace() {
        JsonNode item = acceptedItem("临港物流园三期", "SF-LJ", liaison);
        long id = item.get("id").asLong();
        long indicator = item.get("indicators").get(0).get("id").asLong();
        assertThat(item.get("pace").get("basis").asString()).isEqualTo("NONE");
        assertThat(item.get("pace").get("warning").asString())
                .as("half the time gone, nothing reported")
                .isEqualTo("RED");

        Map<String, Object> body = new HashMap<>(Map.of(
                "period",
                thisMonth,
                "narrative",
                "完成仓储区主体工程",
                "percentComplete",
                50,
                "values",
                List.of(Map.of("indicatorId", indicator, "value", "5")),
                "problems",
                "征地进度偏慢",
                "nextSteps",
                "加快铁路专用线建设"));
        Api.Response r = report(liaison, id, body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("status").asString()).isEqualTo("SUBMITTED");
        assertThat(r.json().get("late").asBoolean()).isFalse();

        // evidence goes with a report by pointing at the item's files; another item's file is refused
        byte[] pdf = "%PDF-1.7\n%%EOF\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        long file = api.upload("/api/v1/items/" + id + "/files", liaison, "仓储区现场照片.pdf", pdf)
                .json()
                .get("id")
                .asLong();
        JsonNode other = acceptedItem("临港物流园四期", "SF-LJ", liaison);
        long foreign = api.upload("/api/v1/items/" + other.get("id").asLong() + "/files", liaison, "别的.pdf", pdf)
                .json()
                .get("id")
                .asLong();
        Map<String, Object> withFile = new HashMap<>(body);
        withFile.put("fileIds", List.of(foreign));
        Api.Response wrongFile = report(liaison, id, withFile);
        assertThat(wrongFile.status()).isEqualTo(400);
        assertThat(wrongFile.json().get("detail").asString()).contains("不是该事项的佐证材料");
        withFile.put("fileIds", List.of(file));
        JsonNode corrected = report(liaison, id, withFile).json();
        assertThat(corrected.get("revision").asInt())
                .as("adding evidence is a new version")
                .isEqualTo(2);
        assertThat(corrected.get("files").get(0).get("name").asString()).isEqualTo("仓储区现场照片.pdf");

        JsonNode after = api.get("/api/v1/items/" + id, supervisor).json();
        assertThat(after.get("status").asString())
                .as("the first report starts the work")
                .isEqualTo("IN_PROGRESS");
        assertThat(after.get("indicators").get(0).get("current").asDouble()).isEqualTo(5.0);
        JsonNode pace = after.get("pace");
        assertThat(pace.get("basis").asString()).isEqualTo("INDICATORS");
        assertThat(pace.get("progressRatio").asDouble()).isEqualTo(0.5);
        assertThat(pace.get("timeRatio").asDouble()).isCloseTo(0.5, within(0.01));
        assertThat(pace.get("warning").asString()).isEqualTo("GREEN");
        assertThat(pace.get("lagPoints").asInt()).isBetween(-1, 1);
    }

    @Test
    void badFiguresAndPeriodsAreRefusedAndASecondClickChangesNothing() {
        JsonNode item = acceptedItem("城市快速路北延段", "SF-LJ", liaison);
        long id = item.get("id").asLong();
        long indicator = item.get("indicators").get(0).get("id").asLong();
        Map<String, Object> good = Map.of(
                "period",
                thisMonth,
                "narrative",
                "完成桥梁桩基施工",
                "values",
                List.of(Map.of("indicatorId", indicator, "value", 2.5)));

        Api.Response notNumber = report(
                liaison,
                id,
                Map.of(
                        "period",
                        thisMonth,
                        "narrative",
                        "x",
                        "values",
                        List.of(Map.of("indicatorId", indicator, "value", "三亿"))));
        assertThat(notNumber.status()).isEqualTo(400);
        assertThat(notNumber.json().get("detail").asString()).contains("不是数字").contains("三亿");
        Api.Response weekly = report(liaison, id, Map.of("period", "2026-W21", "narrative", "x"));
        assertThat(weekly.json().get("detail").asString()).contains("2026-05");
        Api.Response before = report(
                liaison,
                id,
                Map.of("period", YearMonth.from(today.minusDays(400)).toString(), "narrative", "x"));
        assertThat(before.status()).isEqualTo(400);
        assertThat(before.json().get("detail").asString()).contains("不在事项的办理期限");
        Api.Response future = report(
                liaison, id, Map.of("period", YearMonth.now().plusMonths(2).toString(), "narrative", "x"));
        assertThat(future.json().get("detail").asString()).contains("尚未开始");
        Api.Response percent =
                report(liaison, id, Map.of("period", thisMonth, "narrative", "x", "percentComplete", 120));
        assertThat(percent.status()).isEqualTo(400);
        assertThat(api.get("/api/v1/items/" + id + "/reports", liaison)
                        .json()
                        .get("reports")
                        .size())
                .as("nothing of the refused reports was kept")
                .isZero();

        Api.Response first = report(liaison, id, good);
        Api.Response twice = report(liaison, id, good);
        assertThat(twice.json().get("id").asLong())
                .isEqualTo(first.json().get("id").asLong());
        assertThat(twice.json().get("revision").asInt()).isEqualTo(1);
        Map<String, Object> corrected = new HashMap<>(good);
        corrected.put("narrative", "完成桥梁桩基施工，开始承台浇筑");
        assertThat(report(liaison, id, corrected).json().get("revision").asInt())
                .isEqualTo(2);
        long reportId = first.json().get("id").asLong();
        var revisions = api.get("/api/v1/reports/" + reportId + "/revisions", supervisor)
                .json()
                .get("revisions");
        assertThat(revisions.size()).isEqualTo(2);
        assertThat(revisions.get(0).get("content").get("narrative").asString()).isEqualTo("完成桥梁桩基施工");

        assertThat(api.post("/api/v1/reports/" + reportId + "/return", supervisor, Map.of())
                        .status())
                .as("a return needs a reason")
                .isEqualTo(400);
        assertThat(api.post("/api/v1/reports/" + reportId + "/accept", liaison, Map.of())
                        .status())
                .isEqualTo(403);
        JsonNode returned = api.post(
                        "/api/v1/reports/" + reportId + "/return", supervisor, Map.of("comment", "请补充投资完成数的依据"))
                .json();
        assertThat(returned.get("status").asString()).isEqualTo("RETURNED");
        assertThat(report(liaison, id, good).json().get("status").asString()).isEqualTo("SUBMITTED");
        assertThat(api.post("/api/v1/reports/" + reportId + "/accept", supervisor, Map.of())
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("ACCEPTED");
        Api.Response afterAccept = report(liaison, id, corrected);
        assertThat(afterAccept.status()).isEqualTo(409);
        assertThat(afterAccept.json().get("detail").asString()).contains("已被采纳");

        api.post("/api/v1/items/" + id + "/cancel", supervisor, Map.of("reason", "项目调整"));
        Api.Response cancelled = report(liaison, id, Map.of("period", thisMonth, "narrative", "x"));
        assertThat(cancelled.status()).isEqualTo(409);
        assertThat(cancelled.json().get("detail").asString()).contains("不再填报");
    }

    @Test
    void aUnitThatRequiresItsHeadSendsReportsThroughTheHead() {
        long unit = unitId("SF-QS");
        assertThat(api.put("/api/v1/units/" + unit + "/report-settings", liaison, Map.of("headApprovalRequired", true))
                        .status())
                .isEqualTo(403);
        api.put("/api/v1/units/" + unit + "/report-settings", supervisor, Map.of("headApprovalRequired", true));
        String qsLiaison =
                api.token(jdbc.sql("""
                        SELECT a.username FROM account a JOIN account_role r ON r.account_id = a.id
                         WHERE a.unit_id = :u AND r.role = 'LIAISON' ORDER BY a.id LIMIT 1
                        """).param("u", unit).query(String.class).single(), DEMO_PASSWORD);
        String qsHead =
                api.token(jdbc.sql("""
                        SELECT a.username FROM account a JOIN account_role r ON r.account_id = a.id
                         WHERE a.unit_id = :u AND r.role = 'UNIT_HEAD' ORDER BY a.id LIMIT 1
                        """).param("u", unit).query(String.class).single(), DEMO_PASSWORD);
        long id = acceptedItem("青山区城市书房建设", "SF-QS", qsLiaison).get("id").asLong();
        JsonNode r = report(qsLiaison, id, Map.of("period", thisMonth, "narrative", "完成3个书房选址"))
                .json();
        assertThat(r.get("status").asString()).isEqualTo("AWAITING_HEAD");
        assertThat(api.post("/api/v1/reports/" + r.get("id").asLong() + "/accept", supervisor, Map.of())
                        .status())
                .as("not before the head approved")
                .isEqualTo(409);
        assertThat(api.post("/api/v1/reports/" + r.get("id").asLong() + "/approve", qsHead, Map.of())
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("SUBMITTED");
        api.put("/api/v1/units/" + unit + "/report-settings", supervisor, Map.of("headApprovalRequired", false));
    }

    @Test
    void childrenShareTheirParentsAmountAndRollItBackUp() {
        JsonNode parent = acceptedItem("江北河西片区管网改造", "SF-LJ", liaison);
        long id = parent.get("id").asLong();
        JsonNode children = api.post(
                        "/api/v1/items/" + id + "/decompose",
                        liaison,
                        Map.of(
                                "children",
                                List.of(
                                        Map.of("leadUnitId", unitId("SF-LJ-JB")),
                                        Map.of("leadUnitId", unitId("SF-LJ-HX")))))
                .json()
                .get("children");
        JsonNode jiangbei = children.valueStream()
                .filter(c -> c.get("leadUnit").get("name").asString().equals("江北街道"))
                .findFirst()
                .orElseThrow();
        assertThat(jiangbei.get("indicators").get(0).get("target").asDouble()).isEqualTo(5.0);
        String town = api.token("townliaison", DEMO_PASSWORD);
        long child = jiangbei.get("id").asLong();
        api.post("/api/v1/items/" + child + "/accept", town, Map.of());
        long childIndicator = jiangbei.get("indicators").get(0).get("id").asLong();
        paceStore.refreshAll();
        assertThat(keptStale(id)).isFalse();
        assertThat(report(
                                town,
                                child,
                                Map.of(
                                        "period",
                                        thisMonth,
                                        "narrative",
                                        "完成主管网铺设",
                                        "values",
                                        List.of(Map.of("indicatorId", childIndicator, "value", 3))))
                        .status())
                .isEqualTo(201);
        assertThat(api.get("/api/v1/items/" + id, supervisor)
                        .json()
                        .get("indicators")
                        .get(0)
                        .get("current")
                        .asDouble())
                .as("the parent sums its children's amounts")
                .isEqualTo(3.0);
        assertThat(keptStale(id))
                .as("the parent's kept pace is recomputed: its progress is its children's")
                .isTrue();
    }

    private boolean keptStale(long itemId) {
        return jdbc.sql("SELECT stale FROM item_pace WHERE item_id = :i")
                .param("i", itemId)
                .query(Boolean.class)
                .single();
    }

    @Test
    void aKeptPaceIsThePaceComputedFromTheFacts() {
        paceStore.refreshAll();
        List<Long> open = jdbc.sql("SELECT id FROM item WHERE status IN " + PaceStore.OPEN + " ORDER BY id")
                .query(Long.class)
                .list();
        List<org.luoshi.item.ItemData> rows = itemQuery.byIds(open);
        assertThat(rows).hasSizeGreaterThan(20);
        // what a ledger shows is read from item_pace where it is current, and is what the facts give
        Map<Long, Pace> shown = paces.of(rows);
        Map<Long, Pace> computed = paces.live(rows);
        assertThat(shown).isEqualTo(computed);
        assertThat(shown.values().stream().map(Pace::warning).distinct().count())
                .as("the demo's items are of more than one colour")
                .isGreaterThan(1);
        // and it is read, not computed again: a kept figure altered by hand is what comes back
        long probe = jdbc.sql("SELECT item_id FROM item_pace WHERE item_id = ANY(:ids) AND NOT stale"
                        + " AND basis IS NOT NULL ORDER BY item_id LIMIT 1")
                .param("ids", open.toArray(Long[]::new))
                .query(Long.class)
                .single();
        org.luoshi.item.ItemData probed =
                rows.stream().filter(r -> r.id() == probe).findFirst().orElseThrow();
        jdbc.sql("UPDATE item_pace SET lag_points = lag_points + 77 WHERE item_id = :i")
                .param("i", probe)
                .update();
        try {
            assertThat(paces.of(List.of(probed)).get(probe).lagPoints())
                    .isEqualTo(computed.get(probe).lagPoints() + 77);
            assertThat(paces.live(List.of(probed)).get(probe).lagPoints())
                    .isEqualTo(computed.get(probe).lagPoints());
        } finally {
            jdbc.sql("UPDATE item_pace SET lag_points = lag_points - 77 WHERE item_id = :i")
                    .param("i", probe)
                    .update();
        }
    }

    @Test
    void aUnitsPaceCountsItsOpenItemsByColour() {
        long unit = unitId("SF-LJ");
        JsonNode pace = api.get("/api/v1/units/" + unit + "/pace", supervisor).json();
        int open = 0;
        for (String s : List.of("DISPATCHED", "ACCEPTED", "IN_PROGRESS", "CLOSURE_REQUESTED")) {
            open += api.get("/api/v1/items?unit=" + unit + "&status=" + s, supervisor)
                    .json()
                    .get("total")
                    .asInt();
        }
        assertThat(pace.get("total").asInt()).isEqualTo(open);
        assertThat(pace.get("GREEN").asInt()
                        + pace.get("YELLOW").asInt()
                        + pace.get("RED").asInt())
                .isEqualTo(open);
        assertThat(api.get("/api/v1/units/" + unitId("SF-QS") + "/pace", liaison)
                        .status())
                .as("another county is not in a 临江区 liaison's scope")
                .isEqualTo(404);
    }
}
