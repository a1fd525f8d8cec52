package org.luoshi.item;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.luoshi.support.Api;
import org.luoshi.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

/** Sources, milestones, tags, editing a draft (改派) and the ledger's export, on PostgreSQL. */
class ItemDetailsIT extends IntegrationTest {

    private Api api;
    private String supervisor;
    private String liaison;

    @BeforeEach
    void login() {
        api = api();
        supervisor = api.token("supervisor", DEMO_PASSWORD);
        liaison = api.token("liaison", DEMO_PASSWORD);
    }

    private long source(Map<String, Object> body) {
        Api.Response r = api.post("/api/v1/sources", supervisor, body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    private Api.Response create(Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(Map.of(
                "title", "城市快速路西延段建设",
                "content", "完成征地拆迁和桥梁下部结构施工",
                "kind", "PROJECT",
                "leadUnitId", unitId("SF-LJ"),
                "deadline", "2099-12-31",
                "startDate", "2099-01-01",
                "cadence", "MONTHLY"));
        body.putAll(extra);
        return api.post("/api/v1/items", supervisor, body);
    }

    @Test
    void oneDemandFromTwoSourcesIsOneItemWithDatedSteps() {
        long report = source(Map.of("kind", "WORK_REPORT", "title", "2099年市政府工作报告", "issuedOn", "2099-01-15"));
        Api.Response noLeader = api.post(
                "/api/v1/sources",
                supervisor,
                Map.of("kind", "INSTRUCTION", "title", "关于快速路建设的批示", "issuedOn", "2099-02-01"));
        assertThat(noLeader.status()).isEqualTo(400);
        assertThat(noLeader.json().get("detail").asString()).contains("批示领导");
        long instruction = source(Map.of(
                "kind", "INSTRUCTION",
                "title", "关于快速路建设的批示",
                "docNumber", "市领导批示〔2099〕7号",
                "issuedOn", "2099-02-01",
                "leaderName", "张市长"));
        assertThat(api.post("/api/v1/sources", liaison, Map.of("kind", "MEETING", "title", "会议"))
                        .status())
                .as("a liaison registers no sources")
                .isEqualTo(403);

        Api.Response late = create(Map.of("milestones", List.of(Map.of("title", "桥梁下部结构完成", "dueDate", "2100-03-01"))));
        assertThat(late.status()).isEqualTo(400);
        assertThat(late.json().get("detail").asString()).contains("第1个时序节点").contains("晚于完成时限");
        assertThat(create(Map.of("tags", List.of("a,b"))).status()).isEqualTo(400);

        Api.Response created = create(Map.of(
                "sourceIds", List.of(report),
                "tags", List.of("重大项目", " 一号工程 ", "重大项目"),
                "milestones",
                        List.of(
                                Map.of("title", "主体完工", "dueDate", "2099-09-30"),
                                Map.of("title", "完成征地拆迁", "dueDate", "2099-04-30"))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode item = created.json();
        long id = item.get("id").asLong();
        assertThat(strings(item.get("tags"))).containsExactly("重大项目", "一号工程");
        // tags travel to PostgreSQL as an array literal: its quoting must not leak into them
        Api.Response odd = create(Map.of("tags", List.of("引号\"内", "反斜杠\\", "{花括号}", "NULL", "空 格")));
        assertThat(odd.status()).as(odd.body()).isEqualTo(201);
        assertThat(strings(odd.json().get("tags"))).containsExactly("引号\"内", "反斜杠\\", "{花括号}", "NULL", "空 格");
        assertThat(strings(item.get("milestones"), "title")).as("in date order").containsExactly("完成征地拆迁", "主体完工");
        assertThat(strings(item.get("sources"), "title")).containsExactly("2099年市政府工作报告");

        Api.Response linked =
                api.post("/api/v1/items/" + id + "/link-source", supervisor, Map.of("sourceId", instruction));
        assertThat(strings(linked.json().get("sources"), "title"))
                .containsExactlyInAnyOrder("2099年市政府工作报告", "关于快速路建设的批示");
        assertThat(api.post("/api/v1/items/" + id + "/link-source", supervisor, Map.of("sourceId", instruction))
                        .status())
                .isEqualTo(409);
        assertThat(ids(api.get("/api/v1/items?source=" + instruction, supervisor)))
                .contains(id);
        assertThat(ids(api.get("/api/v1/items?tag=一号工程&q=城市快速路西延段", supervisor)))
                .containsExactly(id);
        assertThat(api.get("/api/v1/sources/" + instruction, supervisor)
                        .json()
                        .get("items")
                        .asLong())
                .isEqualTo(1);

        api.post("/api/v1/items/" + id + "/dispatch", supervisor, Map.of());
        assertThat(api.post("/api/v1/items/" + id + "/complete-milestone", liaison, Map.of("seq", 1))
                        .status())
                .as("before signing")
                .isEqualTo(409);
        api.post("/api/v1/items/" + id + "/accept", liaison, Map.of());
        JsonNode done = api.post("/api/v1/items/" + id + "/complete-milestone", liaison, Map.of("seq", 1))
                .json();
        assertThat(done.get("status").asString())
                .as("the first step starts the work")
                .isEqualTo("IN_PROGRESS");
        assertThat(done.get("milestones").get(0).get("done").asBoolean()).isTrue();
        assertThat(done.get("milestones").get(1).get("done").asBoolean()).isFalse();
        assertThat(api.post("/api/v1/items/" + id + "/complete-milestone", liaison, Map.of("seq", 1))
                        .status())
                .isEqualTo(409);
        assertThat(api.post("/api/v1/items/" + id + "/complete-milestone", supervisor, Map.of("seq", 2))
                        .status())
                .as("the lead unit says a step is done, not the supervisor")
                .isEqualTo(403);
    }

    @Test
    void aDraftIsEditedWholeAndAStaleEditIsRefused() {
        JsonNode item = create(Map.of("tags", List.of("旧标签"))).json();
        long id = item.get("id").asLong();
        int version = item.get("version").asInt();
        Map<String, Object> edit = new HashMap<>(Map.of(
                "title", "城市快速路西延段建设（调整）",
                "content", "调整后的建设内容",
                "kind", "PROJECT",
                "level", "LISTED",
                "leadUnitId", unitId("SF-QS"),
                "deadline", "2099-11-30",
                "cadence", "QUARTERLY",
                "tags", List.of("挂牌督办"),
                "milestones", List.of(Map.of("title", "开工", "dueDate", "2099-03-01")),
                "version", version));
        JsonNode edited = api.put("/api/v1/items/" + id, supervisor, edit).json();
        assertThat(edited.get("leadUnit").get("name").asString()).isEqualTo("青山区");
        assertThat(edited.get("level").asString()).isEqualTo("LISTED");
        assertThat(strings(edited.get("tags"))).containsExactly("挂牌督办");
        assertThat(edited.get("version").asInt()).isGreaterThan(version);

        edit.put("title", "被覆盖的标题");
        Api.Response stale = api.put("/api/v1/items/" + id, supervisor, edit);
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().get("detail").asString()).contains("已被他人");
        assertThat(api.get("/api/v1/items/" + id, supervisor)
                        .json()
                        .get("title")
                        .asString())
                .isEqualTo("城市快速路西延段建设（调整）");

        var events =
                api.get("/api/v1/items/" + id + "/timeline", supervisor).json().get("events");
        String text = events.get(events.size() - 1).get("text").asString();
        assertThat(text).contains("改派牵头单位（临江区→青山区）").contains("督办等级").contains("完成时限");

        edit.put("version", edited.get("version").asInt());
        edit.put("milestones", List.of(Map.of("title", "开工", "dueDate", "2098-12-01")));
        edit.put("startDate", "2099-01-01");
        Api.Response early = api.put("/api/v1/items/" + id, supervisor, edit);
        assertThat(early.status()).isEqualTo(400);
        assertThat(early.json().get("detail").asString()).contains("早于开始日期");
        assertThat(api.get("/api/v1/items/" + id, supervisor)
                        .json()
                        .get("milestones")
                        .get(0)
                        .get("dueDate")
                        .asString())
                .as("nothing of the refused edit is saved")
                .isEqualTo("2099-03-01");

        api.post("/api/v1/items/" + id + "/dispatch", supervisor, Map.of());
        edit.put(
                "version",
                api.get("/api/v1/items/" + id, supervisor).json().get("version").asInt());
        edit.remove("startDate");
        edit.put("milestones", List.of());
        assertThat(api.put("/api/v1/items/" + id, supervisor, edit).status())
                .as("a dispatched item is no longer a draft")
                .isEqualTo(409);
    }

    @Test
    void theLedgerExportHoldsTheFilteredViewRowForRow() throws Exception {
        String filter = "kind=PROJECT&unit=" + unitId("SF-LJ");
        Api.Response page = api.get("/api/v1/items?size=200&sort=CODE&" + filter, supervisor);
        byte[] xlsx = api.bytes("/api/v1/items/export?sort=CODE&" + filter, supervisor);
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = wb.getSheetAt(0);
            Row header = sheet.getRow(0);
            assertThat(header.getCell(1).getStringCellValue()).isEqualTo("编号");
            assertThat(header.getCell(2).getStringCellValue()).isEqualTo("事项名称");
            assertThat(header.getCell(8).getStringCellValue()).isEqualTo("牵头单位");
            assertThat(sheet.getLastRowNum()).isEqualTo(page.json().get("total").asInt());
            List<String> codes = new ArrayList<>();
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                codes.add(sheet.getRow(r).getCell(1).getStringCellValue());
            }
            assertThat(codes)
                    .containsExactlyElementsOf(page.json()
                            .get("items")
                            .valueStream()
                            .map(i -> i.get("code").asString())
                            .toList());
            JsonNode first = page.json().get("items").get(0);
            Row row = sheet.getRow(1);
            assertThat(row.getCell(2).getStringCellValue())
                    .isEqualTo(first.get("title").asString());
            assertThat(row.getCell(8).getStringCellValue())
                    .isEqualTo(first.get("leadUnit").get("name").asString());
            assertThat(row.getCell(11).getStringCellValue())
                    .isEqualTo(first.get("statusLabel").asString());
        }
        byte[] townView = api.bytes("/api/v1/items/export", api.token("townliaison", DEMO_PASSWORD));
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(townView))) {
            assertThat(wb.getSheetAt(0).getLastRowNum())
                    .as("a town exports only what it sees")
                    .isEqualTo(api.get("/api/v1/items", api.token("townliaison", DEMO_PASSWORD))
                            .json()
                            .get("total")
                            .asInt());
        }
    }

    @Test
    void aWholeCityExportReadInChunksHoldsEveryRowOnceInTheLedgersOrder() throws Exception {
        List<String> listed = new ArrayList<>();
        for (int page = 1; ; page++) {
            JsonNode p = api.get("/api/v1/items?stage=LIVE&sort=CODE&size=200&page=" + page, supervisor)
                    .json();
            p.get("items").forEach(i -> listed.add(i.get("code").asString()));
            if (!p.get("hasNext").asBoolean()) {
                break;
            }
        }
        // several chunks of the export's reading (40 rows in the tests), the last one part-filled
        assertThat(listed).hasSizeGreaterThan(80);
        assertThat(listed.size() % 40).isNotZero();
        byte[] xlsx = api.bytes("/api/v1/items/export?stage=LIVE&sort=CODE", supervisor);
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = wb.getSheetAt(0);
            List<String> exported = new ArrayList<>();
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                assertThat(sheet.getRow(r).getCell(0).getNumericCellValue()).isEqualTo(r);
                exported.add(sheet.getRow(r).getCell(1).getStringCellValue());
            }
            assertThat(exported).containsExactlyElementsOf(listed);
        }
    }

    @Test
    void aBackgroundExportIsFollowedToItsFileAndIsNobodyElses() throws Exception {
        String filter = "kind=PROJECT&unit=" + unitId("SF-LJ");
        Api.Response started = api.post("/api/v1/items/export?sort=CODE&" + filter, supervisor, Map.of());
        assertThat(started.status()).isEqualTo(202);
        long id = started.json().get("exportId").asLong();
        JsonNode run = api.get("/api/v1/exports/" + id, supervisor).json();
        for (int i = 0; i < 600 && run.get("status").asString().equals("RUNNING"); i++) {
            Thread.sleep(100);
            run = api.get("/api/v1/exports/" + id, supervisor).json();
        }
        assertThat(run.get("status").asString()).isEqualTo("DONE");
        int total = api.get("/api/v1/items?size=1&" + filter, supervisor)
                .json()
                .get("total")
                .asInt();
        assertThat(run.get("total").asInt()).isEqualTo(total);
        assertThat(run.get("percent").asInt()).isEqualTo(100);
        byte[] xlsx = api.bytes(run.get("file").asString(), supervisor);
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            assertThat(wb.getSheetAt(0).getLastRowNum()).isEqualTo(total);
        }
        // another person's export does not exist for him
        String liaison = api.token("liaison", DEMO_PASSWORD);
        assertThat(api.get("/api/v1/exports/" + id, liaison).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/exports/" + id + "/file", liaison).status()).isEqualTo(404);
    }

    private static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }

    private static List<String> strings(JsonNode array, String field) {
        return array.valueStream().map(n -> n.get(field).asString()).toList();
    }

    private static List<Long> ids(Api.Response r) {
        return r.json()
                .get("items")
                .valueStream()
                .map(i -> i.get("id").asLong())
                .toList();
    }
}
