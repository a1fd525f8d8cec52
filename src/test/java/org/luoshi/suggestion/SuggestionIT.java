package org.luoshi.suggestion;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.luoshi.support.Api;
import org.luoshi.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

/** Citizens' suggestions through the public API and the supervisor's triage, on PostgreSQL. */
class SuggestionIT extends IntegrationTest {

    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13};
    static final byte[] PDF =
            "%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    /** A citizen of their own: each test's requests come from an address no other test uses. */
    private Api citizen() {
        var r = ThreadLocalRandom.current();
        return api().from("198.51." + r.nextInt(0, 255) + "." + r.nextInt(1, 255));
    }

    private static Map<String, Object> suggestion(String content, String phone) {
        Map<String, Object> body = new HashMap<>();
        body.put("category", "URBAN");
        body.put("content", content);
        body.put("name", "王先生");
        if (phone != null) {
            body.put("phone", phone);
        }
        return body;
    }

    private long idOf(String code) {
        return jdbc.sql("SELECT id FROM suggestion WHERE tracking_code = :c")
                .param("c", code)
                .query(Long.class)
                .single();
    }

    private Api.Response act(Api api, String token, long id, String action, Map<String, Object> body) {
        return api.post("/api/v1/suggestions/" + id + "/" + action, token, body);
    }

    @Test
    void aSuggestionIsTransferredClosedAnsweredAndRated() {
        Api citizen = citizen();
        Map<String, Object> body = suggestion("江北街道滨江路路灯损坏多日，夜间行人不便。", "138 0013 5678");
        body.put("attachmentName", "路灯.png");
        body.put("attachment", java.util.Base64.getEncoder().encodeToString(PNG));
        Api.Response made = citizen.post("/api/v1/public/suggestions", null, body);
        assertThat(made.status()).isEqualTo(201);
        String code = made.json().get("trackingCode").asString();
        assertThat(code).matches("[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}");

        // at rest: the phone only as ciphertext and a masked copy
        Map<String, Object> row = jdbc.sql("SELECT phone_cipher, phone_masked FROM suggestion WHERE tracking_code = :c")
                .param("c", code)
                .query()
                .singleRow();
        assertThat(row.get("phone_masked")).isEqualTo("138****5678");
        String sealed = new String((byte[]) row.get("phone_cipher"), StandardCharsets.ISO_8859_1);
        assertThat(sealed).doesNotContain("13800135678").doesNotContain("5678");

        // the citizen's view carries no personal data, and case or dashes in the code do not matter
        JsonNode view = citizen.get(
                        "/api/v1/public/suggestions/" + code.toLowerCase().replace("-", ""), null)
                .json();
        assertThat(view.get("status").asString()).isEqualTo("SUBMITTED");
        assertThat(view.toString()).doesNotContain("王先生").doesNotContain("5678").doesNotContain("路灯");
        assertThat(view.get("mayRate").asBoolean()).isFalse();

        Api api = api();
        String supervisor = api.token("supervisor", DEMO_PASSWORD);
        long id = idOf(code);
        JsonNode seen = api.get("/api/v1/suggestions/" + id, supervisor).json();
        assertThat(seen.get("attachmentName").asString()).isEqualTo("路灯.png");
        assertThat(seen.get("phoneMasked").asString()).isEqualTo("138****5678");
        assertThat(seen.toString()).doesNotContain("13800135678");
        assertThat(act(api, supervisor, id, "phone", Map.of()).status())
                .as("the whole number before taking it in")
                .isEqualTo(403);
        assertThat(act(
                                api,
                                supervisor,
                                id,
                                "claim",
                                Map.of("version", seen.get("version").asInt()))
                        .json()
                        .get("handledBy")
                        .asString())
                .isEqualTo("supervisor");
        long looksBefore = auditCount("suggestion.phone_viewed", Long.toString(id));
        assertThat(act(api, supervisor, id, "phone", Map.of())
                        .json()
                        .get("phone")
                        .asString())
                .isEqualTo("13800135678");
        assertThat(auditCount("suggestion.phone_viewed", Long.toString(id))).isEqualTo(looksBefore + 1);

        // 转办 to a town: an item of kind 群众诉求, dispatched, its source the suggestion
        long town = unitId("SF-LJ-JB");
        JsonNode transferred = act(
                        api,
                        supervisor,
                        id,
                        "transfer",
                        Map.of("title", "修复滨江路路灯", "unitId", town, "deadline", "2099-12-31"))
                .json();
        assertThat(transferred.get("status").asString()).isEqualTo("TRANSFERRED");
        long item = transferred.get("itemId").asLong();
        JsonNode itemJson = api.get("/api/v1/items/" + item, supervisor).json();
        assertThat(itemJson.get("kind").asString()).isEqualTo("SUGGESTION");
        assertThat(itemJson.get("status").asString()).isEqualTo("DISPATCHED");
        assertThat(itemJson.toString()).doesNotContain("王先生").doesNotContain("5678");
        assertThat(citizen.get("/api/v1/public/suggestions/" + code, null)
                        .json()
                        .get("progress")
                        .asString())
                .contains("江北街道")
                .contains("2099-12-31");
        assertThat(act(api, supervisor, id, "answer", Map.of("answer", "再答一次")).status())
                .as("a transferred suggestion is not answered twice")
                .isEqualTo(409);

        // the town does the work and the bureau closes the item: its statement becomes the answer
        String liaison = api.token("townliaison", DEMO_PASSWORD);
        assertThat(api.post("/api/v1/items/" + item + "/accept", liaison, Map.of())
                        .status())
                .isEqualTo(200);
        api.upload("/api/v1/items/" + item + "/files", liaison, "修复照片.pdf", PDF);
        api.post("/api/v1/items/" + item + "/request-closure", liaison, Map.of("conclusion", "已更换滨江路12盏损坏路灯，恢复夜间照明。"));
        assertThat(citizen.get("/api/v1/public/suggestions/" + code, null)
                        .json()
                        .get("status")
                        .asString())
                .as("not answered until the bureau closes the item")
                .isEqualTo("TRANSFERRED");
        api.post("/api/v1/items/" + item + "/judge-closure", supervisor, Map.of("accept", true, "rating", "SATISFIED"));
        JsonNode answered =
                citizen.get("/api/v1/public/suggestions/" + code, null).json();
        assertThat(answered.get("status").asString()).isEqualTo("ANSWERED");
        assertThat(answered.get("answer").asString()).isEqualTo("已更换滨江路12盏损坏路灯，恢复夜间照明。");
        assertThat(answered.get("mayRate").asBoolean()).isTrue();

        Api.Response rated = citizen.post(
                "/api/v1/public/suggestions/" + code + "/rating",
                null,
                Map.of("rating", "SATISFIED", "comment", "修得很快"));
        assertThat(rated.status()).isEqualTo(200);
        assertThat(rated.json().get("rating").asString()).isEqualTo("SATISFIED");
        assertThat(rated.json().get("mayRate").asBoolean()).isFalse();
        Api.Response again =
                citizen.post("/api/v1/public/suggestions/" + code + "/rating", null, Map.of("rating", "UNSATISFIED"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(api.get("/api/v1/suggestions/" + id, supervisor)
                        .json()
                        .get("rating")
                        .asString())
                .isEqualTo("SATISFIED");

        // a re-opened item does not take back a rated answer
        api.post("/api/v1/items/" + item + "/reopen", supervisor, Map.of("reason", "回头看：又有两盏不亮"));
        assertThat(citizen.get("/api/v1/public/suggestions/" + code, null)
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("ANSWERED");
    }

    @Test
    void answeredMergedAndDeclinedSuggestionsTellTheCitizenWhy() {
        Api citizen = citizen();
        Api api = api();
        String supervisor = api.token("supervisor", DEMO_PASSWORD);
        String first = citizen.post("/api/v1/public/suggestions", null, suggestion("建议延长市图书馆周末开放时间。", null))
                .json()
                .get("trackingCode")
                .asString();
        String second = citizen.post("/api/v1/public/suggestions", null, suggestion("图书馆周末能否开到晚上九点？", null))
                .json()
                .get("trackingCode")
                .asString();
        String third = citizen.post("/api/v1/public/suggestions", null, suggestion("我家楼上邻居装修太吵。", null))
                .json()
                .get("trackingCode")
                .asString();

        long one = idOf(first);
        assertThat(act(api, supervisor, one, "answer", Map.of("answer", "  ", "version", 0))
                        .status())
                .isEqualTo(400);
        assertThat(act(api, supervisor, one, "answer", Map.of("answer", "市图书馆自12月起周末开放至21时。", "version", 0))
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("ANSWERED");
        assertThat(act(api, supervisor, one, "answer", Map.of("answer", "第二次", "version", 0))
                        .status())
                .as("a stale version")
                .isEqualTo(409);

        long two = idOf(second);
        assertThat(act(api, supervisor, two, "merge", Map.of("into", second)).status())
                .as("into itself")
                .isEqualTo(400);
        assertThat(act(api, supervisor, two, "merge", Map.of("into", "ZZZZ-ZZZZ-ZZZZ"))
                        .status())
                .isEqualTo(400);
        assertThat(act(api, supervisor, two, "merge", Map.of("into", first))
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("MERGED");
        JsonNode merged =
                citizen.get("/api/v1/public/suggestions/" + second, null).json();
        assertThat(merged.get("progress").asString()).contains("合并办理");
        assertThat(merged.get("answer").asString()).isEqualTo("市图书馆自12月起周末开放至21时。");
        assertThat(merged.get("mayRate").asBoolean()).isTrue();

        long three = idOf(third);
        assertThat(act(api, supervisor, three, "decline", Map.of()).status()).isEqualTo(400);
        act(api, supervisor, three, "decline", Map.of("reason", "属邻里纠纷，请向社区人民调解委员会申请调解。"));
        JsonNode declined =
                citizen.get("/api/v1/public/suggestions/" + third, null).json();
        assertThat(declined.get("status").asString()).isEqualTo("DECLINED");
        assertThat(declined.get("answer").asString()).contains("人民调解");
        assertThat(declined.get("mayRate").asBoolean()).isFalse();
        assertThat(citizen.post("/api/v1/public/suggestions/" + third + "/rating", null, Map.of("rating", "SATISFIED"))
                        .status())
                .isEqualTo(409);

        // the supervisor's list counts by status
        JsonNode list = api.get("/api/v1/suggestions?status=MERGED", supervisor).json();
        assertThat(list.get("rows").valueStream().map(r -> r.get("trackingCode").asString()))
                .contains(second);
        assertThat(list.get("counts").get("MERGED").asLong()).isPositive();
    }

    @Test
    void onlySupervisorsOfTheRegionSeeSuggestions() {
        Api citizen = citizen();
        Api api = api();
        String code = citizen.post("/api/v1/public/suggestions", null, suggestion("市政务大厅取号机经常故障。", "13912345678"))
                .json()
                .get("trackingCode")
                .asString();
        long id = idOf(code);
        String liaison = api.token("townliaison", DEMO_PASSWORD);
        assertThat(api.get("/api/v1/suggestions/" + id, liaison).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/suggestions", liaison).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/suggestions/" + id, null).status()).isEqualTo(401);
        String supervisor = api.token("supervisor", DEMO_PASSWORD);
        Api.Response missing = api.get("/api/v1/suggestions/99999999", supervisor);
        assertThat(missing.status()).isEqualTo(404);
        // found by the search box, for the supervisor only
        JsonNode hits = api.get("/api/v1/search?q=取号机", supervisor).json().get("hits");
        assertThat(hits.valueStream().map(h -> h.get("kind").asString())).contains("SUGGESTION");
        assertThat(api.get("/api/v1/search?q=取号机", liaison).json().get("hits")).isEmpty();
    }

    @Test
    void badInputIsRefusedWithoutHarmOrLeak() {
        Api citizen = citizen();
        long before =
                jdbc.sql("SELECT count(*) FROM suggestion").query(Long.class).single();

        // a megabyte of text: refused with the reason, nothing stored
        Api.Response huge = citizen.post("/api/v1/public/suggestions", null, suggestion("长".repeat(1_000_000), null));
        assertThat(huge.status()).isEqualTo(400);
        assertThat(huge.json().get("detail").asString()).contains("2000");
        assertThat(citizen.post("/api/v1/public/suggestions", null, Map.of("content", "没有类别"))
                        .status())
                .isEqualTo(400);
        assertThat(citizen.post("/api/v1/public/suggestions", null, suggestion("电话不对", "12ab"))
                        .json()
                        .get("field")
                        .asString())
                .isEqualTo("phone");
        Map<String, Object> program = suggestion("附件是程序", null);
        program.put("attachmentName", "照片.jpg");
        program.put(
                "attachment",
                java.util.Base64.getEncoder()
                        .encodeToString("MZ\u0090\u0000program".getBytes(StandardCharsets.ISO_8859_1)));
        Api.Response exe = citizen.post("/api/v1/public/suggestions", null, program);
        assertThat(exe.status()).isEqualTo(400);
        assertThat(exe.json().get("field").asString()).isEqualTo("attachment");
        assertThat(jdbc.sql("SELECT count(*) FROM suggestion").query(Long.class).single())
                .isEqualTo(before);

        // script in the content is kept as text and shown as text
        String code = citizen.post(
                        "/api/v1/public/suggestions", null, suggestion("<script>alert('x')</script>路面塌陷", null))
                .json()
                .get("trackingCode")
                .asString();
        var staff = browserSession();
        staff.login("supervisor", DEMO_PASSWORD);
        String html = staff.get("/suggestions/" + idOf(code)).body();
        assertThat(html)
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;路面塌陷")
                .doesNotContain("<script>alert");

        // guessed codes: not found, and after twenty misses the address must wait
        int notFound = 0;
        int tooMany = 0;
        for (int i = 0; i < 25; i++) {
            int status = citizen.get("/api/v1/public/suggestions/ABCD-EFGH-" + String.format("%04d", i), null)
                    .status();
            notFound += status == 404 ? 1 : 0;
            tooMany += status == 429 ? 1 : 0;
        }
        assertThat(notFound).isEqualTo(20);
        assertThat(tooMany).isEqualTo(5);
        assertThat(citizen.get("/api/v1/public/suggestions/" + code, null).status())
                .as("even a right code waits once the address guessed too often")
                .isEqualTo(429);
    }

    @Test
    void aFloodFromOneAddressIsHeldAtTheHourlyAllowance() {
        Api flood = citizen();
        int created = 0;
        Api.Response refused = null;
        for (int i = 0; i < 8; i++) {
            Api.Response r = flood.post("/api/v1/public/suggestions", null, suggestion("第" + i + "条重复意见", null));
            if (r.status() == 201) {
                created++;
            } else {
                refused = r;
            }
        }
        assertThat(created).isEqualTo(5);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().get("detail").asString()).contains("每小时最多提交5条");
        // the page says the same to a person
        Api.Response page = flood.form("/public/suggestions", Map.of("category", "URBAN", "content", "再来一条"));
        assertThat(page.status()).isEqualTo(429);
        assertThat(page.body()).contains("每小时最多提交5条").contains("再来一条");
        // another address is not held back
        assertThat(citizen()
                        .post("/api/v1/public/suggestions", null, suggestion("另一位群众", null))
                        .status())
                .isEqualTo(201);
    }
}
