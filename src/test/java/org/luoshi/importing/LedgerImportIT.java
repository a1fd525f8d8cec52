package org.luoshi.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.luoshi.support.Api;
import org.luoshi.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

/** Ledgers as offices keep them, imported through the API on PostgreSQL. */
class LedgerImportIT extends IntegrationTest {

    private Api api;
    private String supervisor;

    @BeforeEach
    void login() {
        api = api();
        supervisor = api.token("supervisor", DEMO_PASSWORD);
    }

    /** A title row merged across, a blank row, the header, a group heading, then the tasks. */
    private static byte[] ledger(List<List<Object>> tasks, boolean mergeLeader) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet s = wb.createSheet("重点工作");
            s.createRow(0).createCell(0).setCellValue("2099年全市重点工作任务台账");
            s.addMergedRegion(new CellRangeAddress(0, 0, 0, 8));
            String[] header = {"序号", "重点任务", "工作措施", "责任领导", "责任单位", "配合单位", "时间节点", "目标值（亿元）", "督办等级"};
            Row h = s.createRow(2);
            for (int i = 0; i < header.length; i++) {
                h.createCell(i).setCellValue(header[i]);
            }
            s.createRow(3).createCell(0).setCellValue("一、稳增长");
            CellStyle date = wb.createCellStyle();
            date.setDataFormat((short) 14); // Excel's built-in m/d/yy
            int r = 4;
            for (List<Object> t : tasks) {
                Row row = s.createRow(r);
                for (int i = 0; i < t.size(); i++) {
                    Object v = t.get(i);
                    if (v == null) {
                        continue;
                    }
                    var cell = row.createCell(i);
                    if (v instanceof LocalDate d) {
                        cell.setCellValue(d);
                        cell.setCellStyle(date);
                    } else if (v instanceof Number n) {
                        cell.setCellValue(n.doubleValue());
                    } else {
                        cell.setCellValue(v.toString());
                    }
                }
                r++;
            }
            if (mergeLeader && tasks.size() >= 2) {
                s.addMergedRegion(new CellRangeAddress(4, 5, 3, 3)); // one leader for the first two tasks
            }
            wb.write(out);
            return out.toByteArray();
        }
    }

    /** Three tasks: full names and short ones, a leader with his title, an Excel date, a merged leader cell. */
    private static byte[] threeTasks(String firstDeadline) throws IOException {
        return ledger(
                List.of(
                        List.of(
                                1,
                                "临港物流园五期建设",
                                "完成仓储区主体工程",
                                "张志远副市长",
                                "临江区",
                                "市发改委、市财政局",
                                firstDeadline,
                                "完成投资3.2亿元",
                                "重点"),
                        java.util.Arrays.asList(
                                2, "城市书房扩面", "", null, "临江区人民政府", "", LocalDate.of(2099, 9, 30), "", ""),
                        List.of(3, "　背街小巷整治　", "整治背街小巷20条", "张志远", "青山区", "", "2099-12-31", "20条", "")),
                true);
    }

    private Api.Response upload(byte[] file, boolean dryRun) {
        return api.upload("/api/v1/imports/ledger" + (dryRun ? "?dryRun=true" : ""), supervisor, "台账.xlsx", file);
    }

    private long items() {
        return jdbc.sql("SELECT count(*) FROM item").query(Long.class).single();
    }

    @Test
    void aLedgerLandsAsDraftsAndASecondImportUpdatesThem() throws Exception {
        byte[] file = threeTasks("2099年6月底");
        long before = items();
        JsonNode dry = upload(file, true).json();
        assertThat(dry.get("imported").asInt()).isEqualTo(3);
        assertThat(dry.get("errors").size()).isZero();
        assertThat(items()).as("a dry run writes nothing").isEqualTo(before);

        Api.Response done = upload(file, false);
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(done.json().get("imported").asInt()).isEqualTo(3);
        assertThat(items()).isEqualTo(before + 3);
        JsonNode first = api.get("/api/v1/items?q=临港物流园五期建设", supervisor)
                .json()
                .get("items")
                .get(0);
        assertThat(first.get("status").asString()).isEqualTo("DRAFT");
        assertThat(first.get("deadline").asString()).isEqualTo("2099-06-30");
        assertThat(first.get("level").asString()).isEqualTo("KEY");
        assertThat(first.get("coUnits").size()).isEqualTo(2);
        assertThat(first.get("indicators").get(0).get("name").asString()).isEqualTo("完成投资");
        assertThat(first.get("indicators").get(0).get("target").asDouble()).isEqualTo(3.2);
        assertThat(first.get("indicators").get(0).get("measure").asString()).isEqualTo("亿元");
        JsonNode second = api.get("/api/v1/items?q=城市书房扩面", supervisor)
                .json()
                .get("items")
                .get(0);
        assertThat(second.get("leadLeaderId").isNull())
                .as("merged leader cell repeats downwards")
                .isFalse();
        assertThat(second.get("deadline").asString()).as("an Excel date cell").isEqualTo("2099-09-30");
        assertThat(second.get("content").asString())
                .as("no measures: the title stands")
                .isEqualTo("城市书房扩面");

        JsonNode again = upload(file, false).json();
        assertThat(again.get("imported").asInt()).isZero();
        assertThat(again.get("updated").asInt()).isZero();
        assertThat(again.get("unchanged").asInt()).isEqualTo(3);
        assertThat(items()).as("the same sheet twice is the same items").isEqualTo(before + 3);

        // the office corrects one deadline and imports again: that draft alone changes
        byte[] corrected = threeTasks("2099年7月底");
        JsonNode third = upload(corrected, false).json();
        assertThat(third.get("updated").asInt()).isEqualTo(1);
        assertThat(third.get("unchanged").asInt()).isEqualTo(2);
        assertThat(api.get("/api/v1/items?q=临港物流园五期建设", supervisor)
                        .json()
                        .get("items")
                        .get(0)
                        .get("deadline")
                        .asString())
                .isEqualTo("2099-07-31");
        assertThat(items()).isEqualTo(before + 3);
    }

    @Test
    void aBackgroundImportIsRecordedInTheTrailUnderTheSupervisorWhoStartedIt() throws Exception {
        byte[] file = ledger(
                List.of(
                        List.of(1, "后台导入甲", "", "", "临江区", "", "2099-06-30", "", ""),
                        List.of(2, "后台导入乙", "", "", "青山区", "", "2099-06-30", "", "")),
                false);
        Api.Response started = api.upload("/api/v1/imports/ledger?background=true", supervisor, "台账.xlsx", file);
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        long run = started.json().get("runId").asLong();
        JsonNode state = api.get("/api/v1/imports/runs/" + run, supervisor).json();
        for (int i = 0; i < 200 && state.get("status").asString().equals("RUNNING"); i++) {
            Thread.sleep(50);
            state = api.get("/api/v1/imports/runs/" + run, supervisor).json();
        }
        assertThat(state.get("status").asString()).as(state.toString()).isEqualTo("DONE");
        List<String> actors = jdbc.sql(
                        "SELECT a.actor FROM audit_event a JOIN item i ON a.target_id = CAST(i.id AS text)"
                                + " WHERE a.action = 'item.created' AND i.title LIKE '后台导入%'")
                .query(String.class)
                .list();
        assertThat(actors).containsExactly("supervisor", "supervisor");
    }

    @Test
    void everyBadCellIsNamedAndNothingIsWritten() throws Exception {
        String long201 = "很".repeat(201);
        byte[] file = ledger(
                List.of(
                        List.of(1, "改造农贸市场", "", "", "临江县", "", "2099-06-30", "", ""),
                        List.of(2, "", "有措施没有任务名", "", "临江区", "", "2099-06-30", "", ""),
                        List.of(3, "建设口袋公园", "", "", "临江区", "", "长期坚持", "", ""),
                        List.of(4, "修复路灯", "", "", "临江区", "", "2001-06-30", "", ""),
                        List.of(5, "新建停车场", "", "王五", "临江区", "", "2099-06-30", "", ""),
                        List.of(6, "治理黑臭水体", "", "", "临江区", "", "2099-06-30", "若干", ""),
                        List.of(7, "改造老旧小区", "", "", "临江区", "", "2099-06-30", "", "特急"),
                        List.of(8, "改造老旧小区", "", "", "临江区", "", "2099-06-30", "", ""),
                        List.of(9, "建设养老中心", "", "", "临江区", "市不存在局", "2099-06-30", "", ""),
                        List.of(10, "疏浚河道", "", "", "", "", "2099-06-30", "", ""),
                        List.of(11, long201, "", "", "临江区", "", "2099-06-30", "", "")),
                false);
        long before = items();
        Api.Response r = upload(file, false);
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("imported").asInt()).isZero();
        List<String> errors = r.json()
                .get("errors")
                .valueStream()
                .map(e -> e.get("sheet").asString() + "!" + e.get("row").asInt() + " ["
                        + e.get("column").asString() + "] " + e.get("reason").asString())
                .toList();
        assertThat(errors)
                .containsExactly(
                        "重点工作!5 [责任单位] 未找到单位“临江县”（不存在或不在您的督查辖区内；若是别称，可在“名称对照”中指定它对应的单位）",
                        "重点工作!6 [重点任务] 事项名称为空",
                        "重点工作!7 [时间节点] 无法识别的日期“长期坚持”（可写 2026-06-30、2026年6月30日、6月底前、年底前）",
                        "重点工作!8 [时间节点] 完成时限 2001-06-30 已过",
                        "重点工作!9 [责任领导] 未找到牵头领导“王五”",
                        "重点工作!10 [目标值（亿元）] 目标值“若干”中没有数字",
                        "重点工作!11 [督办等级] 未知的督办等级“特急”，可选：一般、重点、挂牌督办",
                        "重点工作!12 [重点任务] 与第11行重复（同一事项、同一牵头单位）",
                        "重点工作!13 [配合单位] 未找到配合单位“市不存在局”",
                        "重点工作!14 [责任单位] 牵头单位为空",
                        "重点工作!15 [重点任务] 事项名称超过200个字（现有201个字）");
        assertThat(items()).as("nothing of a sheet with bad rows is written").isEqualTo(before);
    }

    /** More rows than one written batch: the first batches are written while later rows are still checked. */
    private static byte[] manyTasks(int n, String prefix, int badRow) throws IOException {
        List<List<Object>> tasks = new java.util.ArrayList<>();
        for (int i = 1; i <= n; i++) {
            String unit = i == badRow ? "临江县" : (i % 2 == 0 ? "临江区" : "青山区");
            tasks.add(List.of(i, prefix + i, "", "", unit, i % 3 == 0 ? "市发改委" : "", "2099-06-30", i + "个", ""));
        }
        return ledger(tasks, false);
    }

    @Test
    void aBadRowAfterBatchesAlreadyWrittenStillLeavesNothingWritten() throws Exception {
        long before = items();
        long keys =
                jdbc.sql("SELECT count(*) FROM import_key").query(Long.class).single();
        Api.Response r = upload(manyTasks(2_600, "批量核对", 2_550), false);
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.json().get("errors").size()).isEqualTo(1);
        JsonNode error = r.json().get("errors").get(0);
        assertThat(error.get("row").asInt())
                .as("the sheet's own row: four rows above the tasks")
                .isEqualTo(2_554);
        assertThat(error.get("column").asString()).isEqualTo("责任单位");
        assertThat(items())
                .as("the batches written before the bad row was reached are rolled back")
                .isEqualTo(before);
        assertThat(jdbc.sql("SELECT count(*) FROM import_key").query(Long.class).single())
                .isEqualTo(keys);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'item.created' AND summary LIKE '%批量核对%'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aSheetOfManyBatchesLandsWholeAndItsRowsAreKnownNextTime() throws Exception {
        long before = items();
        byte[] file = manyTasks(2_600, "批量落地", -1);
        JsonNode done = upload(file, false).json();
        assertThat(done.get("imported").asInt()).as(done.toString()).isEqualTo(2_600);
        assertThat(items()).isEqualTo(before + 2_600);
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM item i
                          JOIN import_key k ON k.item_id = i.id
                          JOIN indicator d ON d.item_id = i.id
                         WHERE i.title LIKE '批量落地%' AND i.status = 'DRAFT'
                        """).query(Long.class).single())
                .as("each row: its item, its key and its indicator")
                .isEqualTo(2_600);
        assertThat(jdbc.sql("SELECT count(*) FROM item_co_unit c JOIN item i ON i.id = c.item_id"
                                + " WHERE i.title LIKE '批量落地%'")
                        .query(Long.class)
                        .single())
                .isEqualTo(866);
        JsonNode again = upload(file, false).json();
        assertThat(again.get("unchanged").asInt()).isEqualTo(2_600);
        assertThat(items()).isEqualTo(before + 2_600);
    }

    @Test
    void aNameMappedOnceIsFoundInEveryLaterImportOfTheUnit() throws Exception {
        byte[] file = ledger(List.of(List.of(1, "建设滨江绿道", "", "张市长", "江城开发区", "", "2099-06-30", "", "")), false);
        Api.Response first = upload(file, true);
        assertThat(first.status()).isEqualTo(422);
        List<String> unmatched = first.json()
                .get("errors")
                .valueStream()
                .map(e -> e.get("unmatched").get("kind").asString() + ":"
                        + e.get("unmatched").get("name").asString())
                .toList();
        assertThat(unmatched).containsExactly("UNIT:江城开发区", "LEADER:张市长");

        long county = unitId("SF-LJ");
        long leader = jdbc.sql("SELECT id FROM account WHERE username = 'leader'")
                .query(Long.class)
                .single();
        // a liaison may not map; a unit outside the jurisdiction may not be the target
        String liaison = api.token("liaison", DEMO_PASSWORD);
        assertThat(api.put(
                                "/api/v1/imports/mappings",
                                liaison,
                                Map.of("kind", "UNIT", "name", "江城开发区", "targetId", county))
                        .status())
                .isEqualTo(403);
        assertThat(api.put(
                                "/api/v1/imports/mappings",
                                supervisor,
                                Map.of("kind", "UNIT", "name", "江城开发区", "targetId", 999_999))
                        .status())
                .isEqualTo(400);
        assertThat(api.put(
                                "/api/v1/imports/mappings",
                                supervisor,
                                Map.of("kind", "UNIT", "name", "江城开发区", "targetId", county))
                        .status())
                .isEqualTo(200);
        assertThat(api.put(
                                "/api/v1/imports/mappings",
                                supervisor,
                                Map.of("kind", "LEADER", "name", "张市长", "targetId", leader))
                        .status())
                .isEqualTo(200);

        Api.Response second = upload(file, true);
        assertThat(second.status()).isEqualTo(200);
        assertThat(api.get("/api/v1/imports/mappings", supervisor)
                        .json()
                        .get("mappings")
                        .size())
                .isEqualTo(2);

        assertThat(api.delete(
                                "/api/v1/imports/mappings?kind=UNIT&name="
                                        + java.net.URLEncoder.encode("江城开发区", java.nio.charset.StandardCharsets.UTF_8),
                                supervisor)
                        .status())
                .isEqualTo(204);
        assertThat(upload(file, true).status()).isEqualTo(422);
        api.delete(
                "/api/v1/imports/mappings?kind=LEADER&name="
                        + java.net.URLEncoder.encode("张市长", java.nio.charset.StandardCharsets.UTF_8),
                supervisor);
    }

    @Test
    void anInspectionsProblemListBecomesRectificationItems() throws Exception {
        byte[] file;
        try (XSSFWorkbook wb = new XSSFWorkbook();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet s = wb.createSheet("反馈问题");
            String[] header = {"序号", "问题类别", "问题描述", "整改措施", "责任单位", "整改时限"};
            Row h = s.createRow(0);
            for (int i = 0; i < header.length; i++) {
                h.createCell(i).setCellValue(header[i]);
            }
            String longProblem = "部分老旧小区消防通道长期被占用，群众多次反映未得到解决，" + "存在较大安全隐患，".repeat(5);
            Object[][] rows = {
                {1, "安全生产", longProblem, "开展专项整治，建立长效机制", "临江区", "2099年3月底"},
                {2, "作风建设", "个别部门办事推诿扯皮", "", "市发改委", "2099-06-30"},
            };
            for (int r = 0; r < rows.length; r++) {
                Row row = s.createRow(r + 1);
                for (int c = 0; c < rows[r].length; c++) {
                    if (rows[r][c] instanceof Integer n) {
                        row.createCell(c).setCellValue(n);
                    } else {
                        row.createCell(c).setCellValue(rows[r][c].toString());
                    }
                }
            }
            wb.write(out);
            file = out.toByteArray();
        }
        Api.Response r = api.upload("/api/v1/imports/problems", supervisor, "反馈问题清单.xlsx", file);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("imported").asInt()).isEqualTo(2);
        JsonNode fire = api.get("/api/v1/items?kind=RECTIFICATION&tag=安全生产", supervisor)
                .json()
                .get("items")
                .get(0);
        assertThat(fire.get("title").asString()).endsWith("…").hasSize(61);
        assertThat(fire.get("content").asString()).contains("整改措施：开展专项整治");
        assertThat(fire.get("deadline").asString()).isEqualTo("2099-03-31");
        assertThat(api.upload("/api/v1/imports/problems", supervisor, "反馈问题清单.xlsx", file)
                        .json()
                        .get("unchanged")
                        .asInt())
                .isEqualTo(2);
    }

    @Test
    void whatIsNotALedgerIsRefusedPlainly() throws Exception {
        Api.Response garbage = api.upload(
                "/api/v1/imports/ledger",
                supervisor,
                "台账.xlsx",
                "这不是Excel".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.json().get("detail").asString()).contains("不是有效的 Excel 工作簿");
        Api.Response empty = api.upload("/api/v1/imports/ledger", supervisor, "台账.xlsx", new byte[0]);
        assertThat(empty.status()).isEqualTo(400);
        try (XSSFWorkbook wb = new XSSFWorkbook();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            wb.createSheet("Sheet1").createRow(0).createCell(0).setCellValue("姓名");
            wb.write(out);
            Api.Response noHeader = upload(out.toByteArray(), false);
            assertThat(noHeader.status()).isEqualTo(422);
            assertThat(noHeader.json().get("errors").get(0).get("reason").asString())
                    .contains("未找到表头");
        }
        String liaison = api.token("liaison", DEMO_PASSWORD);
        assertThat(api.upload("/api/v1/imports/ledger", liaison, "台账.xlsx", ledger(List.of(), false))
                        .status())
                .isEqualTo(403);
    }
}
