package org.luoshi.item;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.luoshi.support.Api;
import org.luoshi.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

/** From draft to closed and back through a re-check, through the API, on PostgreSQL. */
class ItemFlowIT extends IntegrationTest {

    static final byte[] PDF =
            "%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private Api api;
    private String supervisor;
    private String liaison;

    private JsonNode create(String title, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(Map.of(
                "title", title,
                "content", "按照政府工作报告要求推进",
                "kind", "LIVELIHOOD",
                "leadUnitId", unitId("SF-LJ"),
                "deadline", "2099-06-30",
                "startDate", "2026-01-01",
                "cadence", "MONTHLY"));
        body.putAll(extra);
        Api.Response r = api.post("/api/v1/items", supervisor, body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    private Api.Response act(String token, long id, String action, Map<String, Object> body) {
        return api.post("/api/v1/items/" + id + "/" + action, token, body);
    }

    private void login() {
        api = api();
        supervisor = api.token("supervisor", DEMO_PASSWORD);
        liaison = api.token("liaison", DEMO_PASSWORD);
    }

    @Test
    void fromDraftToClosedAndBackThroughARecheck() {
        login();
        JsonNode item = create("新建城市书房10个", Map.of("level", "KEY"));
        long id = item.get("id").asLong();
        assertThat(item.get("status").asString()).isEqualTo("DRAFT");
        assertThat(item.get("code").asString()).matches("DB-\\d{4}-\\d{4}");
        assertThat(item.get("leadUnit").get("name").asString()).isEqualTo("临江区");
        assertThat(item.get("overdue").asBoolean()).isFalse();
        assertThat(item.get("children").isArray()).isTrue();

        // the county cannot see a draft's actions through: it may not dispatch
        assertThat(act(liaison, id, "dispatch", Map.of()).status()).isEqualTo(403);
        assertThat(act(supervisor, id, "dispatch", Map.of())
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("DISPATCHED");
        Api.Response twice = act(supervisor, id, "dispatch", Map.of());
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.contentType()).startsWith("application/problem+json");
        assertThat(twice.json().get("detail").asString()).contains("已派发");

        assertThat(act(liaison, id, "accept", Map.of()).json().get("status").asString())
                .isEqualTo("ACCEPTED");
        Api.Response ext = act(liaison, id, "request-extension", Map.of("deadline", "2099-09-30", "reason", "拆迁延误"));
        assertThat(ext.json().get("pendingExtension").get("deadline").asString())
                .isEqualTo("2099-09-30");
        Api.Response granted = act(supervisor, id, "decide-extension", Map.of("grant", true));
        assertThat(granted.json().get("deadline").asString()).isEqualTo("2099-09-30");
        assertThat(granted.json().get("pendingExtension").isNull()).isTrue();

        Api.Response bare = act(liaison, id, "request-closure", Map.of("conclusion", "10个城市书房已建成开放"));
        assertThat(bare.status()).as("closure without evidence").isEqualTo(400);
        assertThat(bare.json().get("detail").asString()).contains("佐证材料");
        assertThat(api.get("/api/v1/items/" + id, liaison).json().get("status").asString())
                .isEqualTo("ACCEPTED");
        assertThat(api.upload("/api/v1/items/" + id + "/files", liaison, "验收报告.pdf", PDF)
                        .status())
                .isEqualTo(201);
        act(liaison, id, "request-closure", Map.of("conclusion", "10个城市书房已建成开放"));
        Api.Response refused = act(supervisor, id, "judge-closure", Map.of("accept", false, "reason", "缺少验收材料"));
        assertThat(refused.json().get("status").asString()).isEqualTo("IN_PROGRESS");
        act(liaison, id, "request-closure", Map.of("conclusion", "补充了验收材料"));
        Api.Response closed = act(supervisor, id, "judge-closure", Map.of("accept", true, "rating", "SATISFIED"));
        assertThat(closed.json().get("status").asString()).isEqualTo("CLOSED");
        assertThat(closed.json().get("closureRating").asString()).isEqualTo("SATISFIED");

        Api.Response reopened = act(supervisor, id, "reopen", Map.of("reason", "回头看发现两处书房闭馆"));
        assertThat(reopened.json().get("status").asString()).isEqualTo("IN_PROGRESS");
        assertThat(reopened.json().get("closureRating").isNull()).isTrue();

        var timeline =
                api.get("/api/v1/items/" + id + "/timeline", liaison).json().get("events");
        assertThat(timeline.valueStream().map(e -> e.get("type").asString()))
                .containsExactly(
                        "CREATED",
                        "DISPATCHED",
                        "ACCEPTED",
                        "EXTENSION_REQUESTED",
                        "EXTENSION_GRANTED",
                        "FILE",
                        "CLOSURE_REQUESTED",
                        "CLOSURE_REFUSED",
                        "CLOSURE_REQUESTED",
                        "CLOSED",
                        "REOPENED");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE target_type = 'item' AND target_id = :id")
                        .param("id", Long.toString(id))
                        .query(Long.class)
                        .single())
                .as("one audit record per timeline entry")
                .isEqualTo(timeline.size());
    }

    @Test
    void itemsOutsideTheScopeDoNotExist() {
        login();
        long id = create("城中村雨污分流改造", Map.of()).get("id").asLong();
        act(supervisor, id, "dispatch", Map.of());
        String town = api.token("townliaison", DEMO_PASSWORD);
        String dept = api.token("deptliaison", DEMO_PASSWORD);
        Api.Response hidden = api.get("/api/v1/items/" + id, dept);
        Api.Response missing = api.get("/api/v1/items/987654321", dept);
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.json().get("detail")).isEqualTo(missing.json().get("detail"));
        assertThat(act(dept, id, "accept", Map.of()).status()).isEqualTo(404);
        // a town below the lead county sees nothing of the county's own item
        assertThat(api.get("/api/v1/items/" + id, town).status()).isEqualTo(404);
        // the county sees it and it shows in its ledger
        Api.Response ledger =
                api.get("/api/v1/items?status=DISPATCHED&q=%E9%9B%A8%E6%B1%A1%E5%88%86%E6%B5%81", liaison);
        assertThat(ledger.json().get("items").valueStream().map(i -> i.get("id").asLong()))
                .contains(id);
        Api.Response deptLedger = api.get("/api/v1/items?q=%E9%9B%A8%E6%B1%A1%E5%88%86%E6%B5%81", dept);
        assertThat(deptLedger.json().get("total").asLong()).isZero();
        // administrators do no business work
        assertThat(api.get("/api/v1/items", api.token("sysadmin", DEMO_PASSWORD))
                        .status())
                .isEqualTo(403);
    }

    @Test
    void badInputIsRefusedAndNothingIsSaved() {
        login();
        long before = jdbc.sql("SELECT count(*) FROM item").query(Long.class).single();
        Map<String, Object> longTitle = new HashMap<>(Map.of(
                "title",
                "长".repeat(10_000),
                "content",
                "x",
                "kind",
                "TARGET",
                "leadUnitId",
                unitId("SF-LJ"),
                "deadline",
                "2099-06-30",
                "cadence",
                "MONTHLY"));
        Api.Response tooLong = api.post("/api/v1/items", supervisor, longTitle);
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().get("detail").asString()).contains("200");
        longTitle.put("title", "正常标题");
        longTitle.put("kind", "HOBBY");
        assertThat(api.post("/api/v1/items", supervisor, longTitle)
                        .json()
                        .get("field")
                        .asString())
                .isEqualTo("kind");
        longTitle.put("kind", "TARGET");
        longTitle.put("deadline", "30/06/2099");
        assertThat(api.post("/api/v1/items", supervisor, longTitle)
                        .json()
                        .get("field")
                        .asString())
                .isEqualTo("deadline");
        longTitle.put("deadline", "2099-06-30");
        longTitle.put("leadUnitId", 987654321);
        assertThat(api.post("/api/v1/items", supervisor, longTitle).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/items", liaison, Map.of("title", "联络员立项")).status())
                .isEqualTo(403);
        assertThat(jdbc.sql("SELECT count(*) FROM item").query(Long.class).single())
                .isEqualTo(before);
    }

    @Test
    void aStaleVersionIsDetectedNotOverwritten() {
        login();
        JsonNode item = create("污水管网建设", Map.of());
        long id = item.get("id").asLong();
        int version = item.get("version").asInt();
        assertThat(act(supervisor, id, "dispatch", Map.of("version", version)).status())
                .isEqualTo(200);
        Api.Response stale = act(supervisor, id, "cancel", Map.of("version", version, "reason", "重复立项"));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().get("detail").asString()).contains("刷新");
        assertThat(api.get("/api/v1/items/" + id, supervisor)
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("DISPATCHED");
    }

    @Test
    void commentsAreKeptAsTextAndALeadersIsAnInstruction() {
        login();
        JsonNode item = create(
                "河道清淤",
                Map.of(
                        "leadLeaderId",
                        jdbc.sql("SELECT id FROM account WHERE username = 'leader'")
                                .query(Long.class)
                                .single()));
        long id = item.get("id").asLong();
        String script = "<script>alert('x')</script>请抓紧推进";
        assertThat(act(liaison, id, "comment", Map.of("text", script)).status()).isEqualTo(200);
        String leader = api.token("leader", DEMO_PASSWORD);
        assertThat(api.get("/api/v1/items/" + id, leader).status()).isEqualTo(200);
        assertThat(act(leader, id, "comment", Map.of("text", "务必在汛期前完成")).status())
                .isEqualTo(200);
        var events =
                api.get("/api/v1/items/" + id + "/timeline", supervisor).json().get("events");
        assertThat(events.valueStream().map(e -> e.get("text").asString())).contains(script);
        assertThat(events.valueStream().filter(e -> e.get("type").asString().equals("INSTRUCTION")))
                .hasSize(1);
        // a leader sees only what he leads
        long other = create("与领导无关的事项", Map.of()).get("id").asLong();
        assertThat(api.get("/api/v1/items/" + other, leader).status()).isEqualTo(404);
    }

    @Test
    void theCountySignsAndDecomposesToItsTownsWhichCarryOn() {
        login();
        JsonNode parent = create("农村人居环境整治", Map.of("deadline", "2099-10-31"));
        long id = parent.get("id").asLong();
        act(supervisor, id, "dispatch", Map.of());
        assertThat(act(
                                liaison,
                                id,
                                "decompose",
                                Map.of("children", java.util.List.of(Map.of("leadUnitId", unitId("SF-LJ-JB")))))
                        .status())
                .as("not before signing")
                .isEqualTo(409);
        act(liaison, id, "accept", Map.of());

        long before = jdbc.sql("SELECT count(*) FROM item").query(Long.class).single();
        Api.Response late = act(
                liaison,
                id,
                "decompose",
                Map.of(
                        "children",
                        java.util.List.of(
                                Map.of("leadUnitId", unitId("SF-LJ-JB"), "deadline", "2099-09-30"),
                                Map.of("leadUnitId", unitId("SF-LJ-HX"), "deadline", "2099-12-31"))));
        assertThat(late.status()).isEqualTo(400);
        assertThat(late.json().get("detail").asString()).contains("第2项").contains("晚于上级事项");
        Api.Response foreign = act(
                liaison,
                id,
                "decompose",
                Map.of("children", java.util.List.of(Map.of("leadUnitId", unitId("SF-QS-DS")))));
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(jdbc.sql("SELECT count(*) FROM item").query(Long.class).single())
                .as("all or nothing")
                .isEqualTo(before);

        Api.Response split = act(
                liaison,
                id,
                "decompose",
                Map.of(
                        "children",
                        java.util.List.of(
                                Map.of("leadUnitId", unitId("SF-LJ-JB"), "deadline", "2099-09-30"),
                                Map.of("leadUnitId", unitId("SF-LJ-HX")))));
        assertThat(split.status()).as(split.body()).isEqualTo(200);
        var children = split.json().get("children");
        assertThat(children.size()).isEqualTo(2);
        assertThat(children.get(0).get("status").asString()).isEqualTo("DISPATCHED");
        assertThat(children.get(0).get("parentId").asLong()).isEqualTo(id);
        assertThat(children.get(1).get("deadline").asString()).isEqualTo("2099-10-31");
        assertThat(split.json().get("parent").get("children").size()).isEqualTo(2);

        long jiangbei = children.get(0).get("id").asLong();
        long hexi = children.get(1).get("id").asLong();
        String town = api.token("townliaison", DEMO_PASSWORD);
        assertThat(api.get("/api/v1/items/" + hexi, town).status())
                .as("a sibling town's child")
                .isEqualTo(404);
        assertThat(act(town, jiangbei, "accept", Map.of()).json().get("status").asString())
                .isEqualTo("ACCEPTED");
        api.upload("/api/v1/items/" + jiangbei + "/files", town, "整治照片.pdf", PDF);
        assertThat(act(town, jiangbei, "request-closure", Map.of("conclusion", "完成整治"))
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("CLOSURE_REQUESTED");
        assertThat(act(supervisor, jiangbei, "judge-closure", Map.of("accept", true, "rating", "BASICALLY_SATISFIED"))
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("CLOSED");
        assertThat(api.get("/api/v1/items/" + jiangbei, liaison).status())
                .as("the county sees its towns' work")
                .isEqualTo(200);
    }

    @Test
    void itemsFollowTheirUnitWhenItMovesInTheTree() {
        login();
        Api.Response made = api.post(
                "/api/v1/units",
                api.token("sysadmin", DEMO_PASSWORD),
                Map.of("name", "临时搬迁镇", "code", "MOVE-1", "kind", "TOWN", "parentId", unitId("SF-SM")));
        long unit = made.json().get("id").asLong();
        long id = create("搬迁安置", Map.of("leadUnitId", unit)).get("id").asLong();
        act(supervisor, id, "dispatch", Map.of());
        var units = new org.luoshi.org.UnitCommand("临时搬迁镇", null, "MOVE-1", null, unitId("SF-BH"), 0);
        int version = made.json().get("version").asInt();
        var auth = new org.springframework.security.authentication.TestingAuthenticationToken("sysadmin", null);
        org.springframework.security.core.context.SecurityContextHolder.getContext()
                .setAuthentication(auth);
        try {
            unitService.update(unit, version, units);
        } finally {
            org.springframework.security.core.context.SecurityContextHolder.clearContext();
        }
        String bhLiaison = api.token("bh.liaison", DEMO_PASSWORD);
        String smLiaison = api.token("sm.liaison", DEMO_PASSWORD);
        assertThat(api.get("/api/v1/items/" + id, bhLiaison).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/items/" + id, smLiaison).status()).isEqualTo(404);
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.luoshi.org.UnitService unitService;

    @org.springframework.beans.factory.annotation.Autowired
    ItemService itemService;

    @Test
    void anItemLeftUnsignedIsFlaggedAndWaitsOnTheUnitsWorkbench() {
        login();
        java.time.LocalDate today = java.time.LocalDate.now();
        ItemData taken = itemService.takeOver(
                new HistoricalItem(
                        new NewItem(
                                "关于整治群租房安全隐患的批示",
                                "排查并整治群租房消防隐患",
                                ItemKind.INSTRUCTION,
                                ItemLevel.KEY,
                                Cadence.ONCE,
                                unitId("SF-LJ"),
                                null,
                                null,
                                today.plusDays(40),
                                null,
                                null),
                        ItemStatus.DISPATCHED,
                        today.minusDays(12),
                        null,
                        null,
                        null),
                "test");
        JsonNode json = api.get("/api/v1/items/" + taken.id(), liaison).json();
        assertThat(json.get("status").asString()).isEqualTo("DISPATCHED");
        assertThat(json.get("signOverdue").asBoolean()).isTrue();

        var county = browserSession();
        county.follow(county.login("liaison", DEMO_PASSWORD));
        String bench = county.get("/workbench").body();
        assertThat(bench).contains("待签收").contains("关于整治群租房安全隐患的批示");
        assertThat(county.get("/items/" + taken.id()).body()).contains("逾期未签收");

        var boss = browserSession();
        boss.follow(boss.login("supervisor", DEMO_PASSWORD));
        assertThat(boss.get("/workbench").body()).contains("待判定办结").contains("延期申请待审核");
        act(liaison, taken.id(), "accept", Map.of());
        assertThat(api.get("/api/v1/items/" + taken.id(), liaison)
                        .json()
                        .get("signOverdue")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void theLedgerFiltersByLevelAndDeadlineAndSorts() {
        login();
        long key = create("筛选测试甲", Map.of("level", "LISTED", "deadline", "2099-03-31"))
                .get("id")
                .asLong();
        long normal =
                create("筛选测试乙", Map.of("deadline", "2099-08-31")).get("id").asLong();
        String q = "&q=%E7%AD%9B%E9%80%89%E6%B5%8B%E8%AF%95"; // 筛选测试
        var listed = api.get("/api/v1/items?level=LISTED" + q, supervisor).json();
        assertThat(listed.get("items").valueStream().map(i -> i.get("id").asLong()))
                .containsExactly(key);
        var early =
                api.get("/api/v1/items?deadlineTo=2099-06-30" + q, supervisor).json();
        assertThat(early.get("items").valueStream().map(i -> i.get("id").asLong()))
                .containsExactly(key);
        var newest = api.get("/api/v1/items?sort=NEWEST" + q, supervisor).json();
        assertThat(newest.get("items").valueStream().map(i -> i.get("id").asLong()))
                .containsExactly(normal, key);
        assertThat(api.get("/api/v1/items?deadlineFrom=2099-13-01", supervisor).status())
                .isEqualTo(400);
        assertThat(api.get("/api/v1/items?sort=RANDOM", supervisor).status()).isEqualTo(400);
    }

    @Test
    void coUnitsSeeTheItemAndWriteOnItsThreadButCannotMoveIt() {
        login();
        long fgw = unitId("SF-FGW");
        JsonNode item = create("城乡供水一体化", Map.of("coUnitIds", java.util.List.of(fgw, unitId("SF-SLJ"))));
        long id = item.get("id").asLong();
        assertThat(api.get("/api/v1/items/" + id, supervisor)
                        .json()
                        .get("coUnits")
                        .valueStream()
                        .map(u -> u.get("name").asString()))
                .containsExactlyInAnyOrder("市发展和改革委员会", "市水利局");
        act(supervisor, id, "dispatch", Map.of());
        String dept = api.token("deptliaison", DEMO_PASSWORD);
        assertThat(api.get("/api/v1/items/" + id, dept).status()).isEqualTo(200);
        assertThat(act(dept, id, "comment", Map.of("text", "发改委已安排前期资金")).status())
                .isEqualTo(200);
        assertThat(act(dept, id, "accept", Map.of()).status()).isEqualTo(403);
        Api.Response self = api.post(
                "/api/v1/items",
                supervisor,
                Map.of(
                        "title",
                        "自我协办",
                        "content",
                        "x",
                        "kind",
                        "TARGET",
                        "leadUnitId",
                        fgw,
                        "deadline",
                        "2099-01-31",
                        "cadence",
                        "ONCE",
                        "coUnitIds",
                        java.util.List.of(fgw)));
        assertThat(self.status()).isEqualTo(400);
    }
}
