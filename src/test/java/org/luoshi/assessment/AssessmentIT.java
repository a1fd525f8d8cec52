package org.luoshi.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.luoshi.support.Api;
import org.luoshi.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Assessment schemes over the demo county, their measures against the ledger, appeals and the lock. */
class AssessmentIT extends IntegrationTest {

    static final byte[] PDF = "%PDF-1.7\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    static final Offset<Double> EXACT = Offset.offset(1e-9);

    @Autowired
    Measurer measurer;

    @Autowired
    AssessmentService assessments;

    private JsonNode scheme(Api api, String token, long unit, String name) {
        LocalDate today = LocalDate.now();
        Api.Response r = api.post(
                "/api/v1/assessments",
                token,
                Map.of(
                        "unitId",
                        unit,
                        "name",
                        name,
                        "from",
                        today.withDayOfYear(1).toString(),
                        "to",
                        today.plusDays(30).toString(),
                        "scale",
                        100));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    private Map<Criterion, Scoring.Measure> measures(long schemeId, long unit) {
        Scheme s = assessments.list(supervisorUser()).stream()
                .filter(x -> x.id() == schemeId)
                .findFirst()
                .orElseThrow();
        return measurer.measure(s, LocalDate.now()).get(unit);
    }

    private org.luoshi.security.CurrentUser supervisorUser() {
        Map<String, Object> row = jdbc.sql("SELECT id, unit_id FROM account WHERE username = 'supervisor'")
                .query()
                .singleRow();
        return new org.luoshi.security.CurrentUser(
                ((Number) row.get("id")).longValue(),
                "supervisor",
                "督查员",
                ((Number) row.get("unit_id")).longValue(),
                java.util.Set.of(org.luoshi.security.Role.SUPERVISOR),
                false);
    }

    /** An item dispatched to the town and accepted there; returns its JSON. */
    private JsonNode accepted(Api api, String supervisor, String town, Map<String, Object> fields) {
        Map<String, Object> body =
                new HashMap<>(Map.of("content", "按要求办理", "kind", "LIVELIHOOD", "leadUnitId", unitId("SF-LJ-JB")));
        body.putAll(fields);
        Api.Response created = api.post("/api/v1/items", supervisor, body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        api.post("/api/v1/items/" + id + "/dispatch", supervisor, Map.of());
        assertThat(api.post("/api/v1/items/" + id + "/accept", town, Map.of()).status())
                .isEqualTo(200);
        return api.get("/api/v1/items/" + id, supervisor).json();
    }

    private void close(Api api, String supervisor, String town, long id) {
        api.upload("/api/v1/items/" + id + "/files", town, "验收.pdf", PDF);
        api.post("/api/v1/items/" + id + "/request-closure", town, Map.of("conclusion", "已办结"));
        Api.Response r = api.post(
                "/api/v1/items/" + id + "/judge-closure", supervisor, Map.of("accept", true, "rating", "SATISFIED"));
        assertThat(r.json().get("status").asString()).isEqualTo("CLOSED");
    }

    @Test
    void everyCriterionFollowsTheLedgerWithCoHandlingCredit() {
        Api api = api();
        String supervisor = api.token("supervisor", DEMO_PASSWORD);
        String town = api.token("townliaison", DEMO_PASSWORD);
        long county = unitId("SF-LJ");
        long jiangbei = unitId("SF-LJ-JB");
        long hexi = unitId("SF-LJ-HX");
        long id = scheme(api, supervisor, county, "临江区各街镇目标绩效考核").get("id").asLong();
        var jbBefore = measures(id, jiangbei);
        var hxBefore = measures(id, hexi);

        // led by 江北, co-handled by 河西, closed on time and rated 满意
        JsonNode shared = accepted(
                api,
                supervisor,
                town,
                Map.of("title", "背街小巷路灯补缺", "cadence", "ONCE", "deadline", "2099-12-31", "coUnitIds", List.of(hexi)));
        close(api, supervisor, town, shared.get("id").asLong());
        // led by 江北 with an indicator reported half done for last month
        LocalDate today = LocalDate.now();
        JsonNode measured = accepted(
                api,
                supervisor,
                town,
                Map.of(
                        "title", "老旧管网改造",
                        "cadence", "MONTHLY",
                        "startDate", today.minusDays(100).toString(),
                        "deadline", today.plusDays(100).toString(),
                        "indicators",
                                List.of(Map.of(
                                        "name",
                                        "改造管网",
                                        "measure",
                                        "公里",
                                        "baseline",
                                        0,
                                        "target",
                                        10,
                                        "direction",
                                        "INCREASE",
                                        "weight",
                                        1))));
        long indicator = measured.get("indicators").get(0).get("id").asLong();
        Api.Response report = api.post(
                "/api/v1/items/" + measured.get("id").asLong() + "/reports",
                town,
                Map.of(
                        "period", YearMonth.from(today).minusMonths(1).toString(),
                        "narrative", "完成5公里",
                        "values", List.of(Map.of("indicatorId", indicator, "value", 5))));
        assertThat(report.status()).as(report.body()).isIn(200, 201);
        // a citizen's suggestion passed to 江北, closed and rated 基本满意
        var r = ThreadLocalRandom.current();
        Api citizen = api().from("192.0.2." + r.nextInt(1, 255));
        String code = citizen.post(
                        "/api/v1/public/suggestions", null, Map.of("category", "URBAN", "content", "江北菜市场门口积水"))
                .json()
                .get("trackingCode")
                .asString();
        long suggestion = jdbc.sql("SELECT id FROM suggestion WHERE tracking_code = :c")
                .param("c", code)
                .query(Long.class)
                .single();
        long fromCitizen = api.post(
                        "/api/v1/suggestions/" + suggestion + "/transfer",
                        supervisor,
                        Map.of("title", "整治菜市场门口积水", "unitId", jiangbei, "deadline", "2099-12-31"))
                .json()
                .get("itemId")
                .asLong();
        api.post("/api/v1/items/" + fromCitizen + "/accept", town, Map.of());
        close(api, supervisor, town, fromCitizen);
        assertThat(citizen.post(
                                "/api/v1/public/suggestions/" + code + "/rating",
                                null,
                                Map.of("rating", "BASICALLY_SATISFIED"))
                        .status())
                .isEqualTo(200);

        var jb = measures(id, jiangbei);
        var hx = measures(id, hexi);
        // 江北 leads: two more closed on time, two more rated 满意, one indicator at half, one citizen at 80
        assertThat(jb.get(Criterion.ON_TIME_CLOSURE).whole()
                        - jbBefore.get(Criterion.ON_TIME_CLOSURE).whole())
                .isCloseTo(2, EXACT);
        assertThat(jb.get(Criterion.ON_TIME_CLOSURE).part()
                        - jbBefore.get(Criterion.ON_TIME_CLOSURE).part())
                .isCloseTo(2, EXACT);
        assertThat(jb.get(Criterion.CLOSURE_RATING).whole()
                        - jbBefore.get(Criterion.CLOSURE_RATING).whole())
                .isCloseTo(2, EXACT);
        assertThat(jb.get(Criterion.CLOSURE_RATING).part()
                        - jbBefore.get(Criterion.CLOSURE_RATING).part())
                .isCloseTo(2, EXACT);
        assertThat(jb.get(Criterion.INDICATOR_COMPLETION).whole()
                        - jbBefore.get(Criterion.INDICATOR_COMPLETION).whole())
                .isCloseTo(1, EXACT);
        assertThat(jb.get(Criterion.INDICATOR_COMPLETION).part()
                        - jbBefore.get(Criterion.INDICATOR_COMPLETION).part())
                .isCloseTo(0.5, EXACT);
        assertThat(jb.get(Criterion.CITIZEN_SATISFACTION).whole()
                        - jbBefore.get(Criterion.CITIZEN_SATISFACTION).whole())
                .isCloseTo(1, EXACT);
        assertThat(jb.get(Criterion.CITIZEN_SATISFACTION).part()
                        - jbBefore.get(Criterion.CITIZEN_SATISFACTION).part())
                .isCloseTo(0.8, EXACT);
        // 河西 co-handled one: 0.9 of a closure on time, 0.9 of a 满意
        assertThat(hx.get(Criterion.ON_TIME_CLOSURE).whole()
                        - hxBefore.get(Criterion.ON_TIME_CLOSURE).whole())
                .isCloseTo(0.9, EXACT);
        assertThat(hx.get(Criterion.ON_TIME_CLOSURE).part()
                        - hxBefore.get(Criterion.ON_TIME_CLOSURE).part())
                .isCloseTo(0.9, EXACT);
        assertThat(hx.get(Criterion.CLOSURE_RATING).whole()
                        - hxBefore.get(Criterion.CLOSURE_RATING).whole())
                .isCloseTo(0.9, EXACT);
        assertThat(hx.get(Criterion.CITIZEN_SATISFACTION).whole())
                .isEqualTo(hxBefore.get(Criterion.CITIZEN_SATISFACTION).whole());
        // reports: what the units' items owed within the span, summed
        assertThat(jb.get(Criterion.REPORT_PUNCTUALITY).whole())
                .isGreaterThanOrEqualTo(jb.get(Criterion.REPORT_PUNCTUALITY).part());
    }

    @Test
    void appealsChangeAScoreBeforePublicationAndNothingChangesAfter() {
        Api api = api();
        String supervisor = api.token("supervisor", DEMO_PASSWORD);
        String town = api.token("townliaison", DEMO_PASSWORD);
        String dept = api.token("deptliaison", DEMO_PASSWORD);
        long county = unitId("SF-LJ");
        long jiangbei = unitId("SF-LJ-JB");
        JsonNode s = scheme(
                api, supervisor, county, "临江区" + ThreadLocalRandom.current().nextInt(1000) + "号考核");
        long id = s.get("id").asLong();
        String path = "/api/v1/assessments/" + id;

        assertThat(api.get(path, town).status())
                .as("a draft is the supervisors'")
                .isEqualTo(404);
        double start = total(api.get(path, supervisor).json(), jiangbei);
        Api.Response noBasis =
                api.post(path + "/adjustments", supervisor, Map.of("unitId", jiangbei, "points", -3, "reason", "迟报"));
        assertThat(noBasis.status()).isEqualTo(400);
        String base64 = java.util.Base64.getEncoder().encodeToString(PDF);
        Map<String, Object> forged =
                new HashMap<>(Map.of("unitId", jiangbei, "points", -3, "reason", "两次迟报进展", "evidence", "督查通报2026年第3期"));
        forged.put("evidenceFileName", "督查通报.pdf");
        forged.put(
                "evidenceFile",
                java.util.Base64.getEncoder().encodeToString("MZ-program".getBytes(StandardCharsets.US_ASCII)));
        Api.Response renamed = api.post(path + "/adjustments", supervisor, forged);
        assertThat(renamed.status()).isEqualTo(400);
        assertThat(renamed.json().get("field").asString()).isEqualTo("evidenceFile");
        forged.put("evidenceFile", base64);
        JsonNode withFile = api.post(path + "/adjustments", supervisor, forged).json();
        long adjustment = withFile.get("adjustments").get(0).get("id").asLong();
        assertThat(withFile.get("adjustments").get(0).get("fileName").asString())
                .isEqualTo("督查通报.pdf");
        double deducted = total(api.get(path, supervisor).json(), jiangbei);
        assertThat(deducted).isCloseTo(Math.max(0, start - 3), Offset.offset(0.005));

        // what-if: closure alone decides; nothing is kept
        JsonNode tried = api.post(
                        path + "/what-if",
                        supervisor,
                        Map.of("weights", List.of(Map.of("criterion", "ON_TIME_CLOSURE", "points", 100))))
                .json();
        List<Double> totals = tried.get("scores")
                .valueStream()
                .map(x -> x.get("total").asDouble())
                .toList();
        assertThat(totals).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(api.post(
                                path + "/what-if",
                                supervisor,
                                Map.of("weights", List.of(Map.of("criterion", "ON_TIME_CLOSURE", "points", 90))))
                        .json()
                        .get("detail")
                        .asString())
                .contains("100");
        assertThat(api.get(path, supervisor).json().get("scheme").get("weights").size())
                .isEqualTo(5);

        int version =
                api.get(path, supervisor).json().get("scheme").get("version").asInt();
        api.post(
                path + "/publicize",
                supervisor,
                Map.of(
                        "version",
                        version,
                        "appealUntil",
                        LocalDate.now().plusDays(3).toString()));
        JsonNode own = api.get(path, town).json();
        assertThat(own.get("scores")
                        .valueStream()
                        .map(x -> x.get("unitId").asLong())
                        .toList())
                .as("a unit reads only its own derivation")
                .containsExactly(jiangbei);
        assertThat(own.get("scores").get(0).get("lines").toString()).contains("两次迟报进展");
        assertThat(own.get("mayAppeal").asBoolean()).isTrue();
        assertThat(api.get(path, dept).status())
                .as("a department not assessed here")
                .isEqualTo(404);
        // the unit reads the document its deduction rests on; nobody else outside the scheme does
        assertThat(api.bytes(path + "/adjustments/" + adjustment + "/file", town))
                .isEqualTo(PDF);
        assertThat(api.get(path + "/adjustments/" + adjustment + "/file", dept).status())
                .isEqualTo(404);

        JsonNode appeal = api.post(path + "/appeals", town, Map.of("line", "减分", "reason", "第二次迟报系系统故障，有技术部门证明"))
                .json();
        long appealId = appeal.get("id").asLong();
        version = api.get(path, supervisor).json().get("scheme").get("version").asInt();
        assertThat(api.post(path + "/publish", supervisor, Map.of("version", version))
                        .status())
                .as("an open appeal holds publication")
                .isEqualTo(409);
        api.post(
                path + "/appeals/" + appealId + "/answer",
                supervisor,
                Map.of("accept", true, "reply", "情况属实，撤销一次迟报扣分", "correction", 1.5));
        double corrected = total(api.get(path, town).json(), jiangbei);
        assertThat(corrected).isCloseTo(Math.min(100, deducted + 1.5), Offset.offset(0.005));

        JsonNode before = api.get(path, supervisor).json().get("scores");
        JsonNode published = api.post(path + "/publish", supervisor, Map.of("version", version))
                .json();
        assertThat(published.get("stage").asString()).isEqualTo("PUBLISHED");
        JsonNode after = api.get(path, supervisor).json();
        assertThat(after.get("scores")).isEqualTo(before);

        // locked: no bonus, appeal, answer or change, and the database agrees
        assertThat(api.post(
                                path + "/adjustments",
                                supervisor,
                                Map.of("unitId", jiangbei, "points", 5, "reason", "补加", "evidence", "x"))
                        .status())
                .isEqualTo(409);
        assertThat(api.post(path + "/appeals", town, Map.of("line", "减分", "reason", "再申诉"))
                        .status())
                .isEqualTo(409);
        assertThat(api.post(
                                path + "/appeals/" + appealId + "/answer",
                                supervisor,
                                Map.of("accept", false, "reply", "改答复"))
                        .status())
                .isEqualTo(409);
        assertThatThrownBy(
                        () -> jdbc.sql("""
                        INSERT INTO assessment_adjustment (scheme_id, unit_id, points, reason, evidence, created_by)
                        VALUES (:s, :u, 10, '后门', '无', 'x')
                        """).param("s", id).param("u", jiangbei).update())
                .hasMessageContaining("locked");
        assertThatThrownBy(() -> jdbc.sql("UPDATE assessment_scheme SET name = 'x' WHERE id = :id")
                        .param("id", id)
                        .update())
                .hasMessageContaining("locked");
        assertThat(total(api.get(path, town).json(), jiangbei)).isEqualTo(corrected);
    }

    @Test
    void aSchemeIsCheckedBeforeItIsKept() {
        Api api = api();
        String supervisor = api.token("supervisor", DEMO_PASSWORD);
        String town = api.token("townliaison", DEMO_PASSWORD);
        long county = unitId("SF-LJ");
        LocalDate today = LocalDate.now();
        Map<String, Object> bad = new HashMap<>(Map.of(
                "unitId",
                county,
                "name",
                "权重不对",
                "from",
                today.toString(),
                "to",
                today.toString(),
                "scale",
                100,
                "weights",
                List.of(Map.of("criterion", "ON_TIME_CLOSURE", "points", 60))));
        Api.Response r = api.post("/api/v1/assessments", supervisor, bad);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("detail").asString()).contains("等于总分100").contains("60");
        bad.put("weights", List.of(Map.of("criterion", "ON_TIME_CLOSURE", "points", 100)));
        bad.put("coCredit", 1.2);
        assertThat(api.post("/api/v1/assessments", supervisor, bad)
                        .json()
                        .get("field")
                        .asString())
                .isEqualTo("coCredit");
        bad.remove("coCredit");
        bad.put("to", today.minusDays(1).toString());
        assertThat(api.post("/api/v1/assessments", supervisor, bad).status()).isEqualTo(400);
        bad.put("to", today.toString());
        assertThat(api.post("/api/v1/assessments", town, bad).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/assessments", supervisor, bad).status()).isEqualTo(201);
        // regions only: the county's towns, not its departments
        bad.put("group", "REGIONS");
        long regions = api.post("/api/v1/assessments", supervisor, bad)
                .json()
                .get("id")
                .asLong();
        List<Long> assessed = api.get("/api/v1/assessments/" + regions, supervisor)
                .json()
                .get("scores")
                .valueStream()
                .map(x -> x.get("unitId").asLong())
                .toList();
        assertThat(assessed).contains(unitId("SF-LJ-JB"), unitId("SF-LJ-HX"), unitId("SF-LJ-BT"));
        assertThat(jdbc.sql("SELECT count(*) FROM unit WHERE id = ANY(:ids) AND kind IN ('DEPARTMENT', 'ENTERPRISE')")
                        .param("ids", assessed.toArray(Long[]::new))
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private static double total(JsonNode view, long unit) {
        return view.get("scores")
                .valueStream()
                .filter(x -> x.get("unitId").asLong() == unit)
                .findFirst()
                .orElseThrow()
                .get("total")
                .asDouble();
    }
}
