package org.luoshi.summary;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.luoshi.support.Api;
import org.luoshi.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

/** A summary uploaded through the API, read into its outline, and its plans registered as drafts. */
class SummaryParseIT extends IntegrationTest {

    private static final String SUMMARY = """
            临江区住建局2026年上半年工作总结和下半年工作安排
            一、上半年工作完成情况
            （一）老旧小区改造。开工XX个小区。
            二、存在的问题
            资金到位偏慢。
            三、下半年工作安排
            （一）加快老旧小区改造进度，确保年底前全部完工。
            （二）推进城市更新, 完成片区规划。
            """;

    private long drafts(String token) {
        return api().get("/api/v1/items?status=DRAFT&size=1", token)
                .json()
                .get("total")
                .asLong();
    }

    @Test
    void aSummaryIsParsedAndItsPlansBecomeDraftsOfOneUnitAllOrNone() {
        Api api = api();
        String supervisor = api.token("supervisor", DEMO_PASSWORD);
        Api.Response parsed =
                api.upload("/api/v1/summaries/parse", supervisor, "总结.txt", SUMMARY.getBytes(StandardCharsets.UTF_8));

        assertThat(parsed.status()).isEqualTo(200);
        JsonNode doc = parsed.json().get("documents").get(0);
        assertThat(doc.get("title").asString()).isEqualTo("临江区住建局2026年上半年工作总结和下半年工作安排");
        assertThat(doc.get("placeholders").asInt()).isEqualTo(1);
        assertThat(doc.get("sections").get(2).get("kind").asString()).isEqualTo("plan");
        assertThat(doc.get("sections").get(2).get("number").asString()).isEqualTo("三、");
        List<String> plans =
                doc.get("plans").valueStream().map(JsonNode::asString).toList();
        assertThat(plans).containsExactly("加快老旧小区改造进度，确保年底前全部完工", "推进城市更新, 完成片区规划");

        long unit = unitId("SF-LJ");
        long before = drafts(supervisor);
        // the second plan has no title: nothing of the request is kept
        Api.Response refused = api.post(
                "/api/v1/summaries/plans/drafts",
                supervisor,
                Map.of(
                        "unitId",
                        unit,
                        "plans",
                        List.of(Map.of("title", plans.get(0), "detail", "全年目标"), Map.of("title", " "))));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("第2项");
        assertThat(drafts(supervisor)).isEqualTo(before);

        Api.Response made = api.post(
                "/api/v1/summaries/plans/drafts",
                supervisor,
                Map.of(
                        "unitId",
                        unit,
                        "deadline",
                        "2099-12-31",
                        "plans",
                        plans.stream().map(p -> Map.of("title", p)).toList()));
        assertThat(made.status()).isEqualTo(200);
        assertThat(made.json().get("created").asInt()).isEqualTo(2);
        assertThat(drafts(supervisor)).isEqualTo(before + 2);
        JsonNode item = api.get(
                        "/api/v1/items/"
                                + made.json().get("items").get(0).get("id").asLong(),
                        supervisor)
                .json();
        assertThat(item.get("title").asString()).isEqualTo(plans.get(0));
        assertThat(item.get("deadline").asString()).isEqualTo("2099-12-31");
        assertThat(item.get("leadUnit").get("id").asLong()).isEqualTo(unit);
    }

    @Test
    void onlySupervisorsRegisterAndBadFilesAreRefusedPlainly() {
        Api api = api();
        String liaison = api.token("liaison", DEMO_PASSWORD);
        // reading a file touches no data: anyone signed in may; nobody else
        assertThat(api.upload("/api/v1/summaries/parse", null, "a.txt", SUMMARY.getBytes(StandardCharsets.UTF_8))
                        .status())
                .isEqualTo(401);
        assertThat(api.upload("/api/v1/summaries/parse", liaison, "a.txt", SUMMARY.getBytes(StandardCharsets.UTF_8))
                        .status())
                .isEqualTo(200);
        assertThat(api.post(
                                "/api/v1/summaries/plans/drafts",
                                liaison,
                                Map.of("unitId", unitId("SF-LJ"), "plans", List.of(Map.of("title", "某项工作"))))
                        .status())
                .isEqualTo(403);

        Api.Response empty = api.upload("/api/v1/summaries/parse", liaison, "a.txt", new byte[0]);
        assertThat(empty.status()).isEqualTo(400);
        Api.Response corrupt = api.upload(
                "/api/v1/summaries/parse", liaison, "a.docx", "PK\u0003\u0004broken".getBytes(StandardCharsets.UTF_8));
        assertThat(corrupt.status()).isEqualTo(400);
        assertThat(corrupt.body()).contains("不是有效的 Word 文档");
        // 12 MB: within the upload limit, refused by the parser's own before it is read
        Api.Response large = api.upload("/api/v1/summaries/parse", liaison, "big.txt", new byte[12 * 1024 * 1024]);
        assertThat(large.status()).isEqualTo(400);
        assertThat(large.body()).contains("10 MB");
        // 50 MB of text: refused at the door, never held whole
        byte[] fifty = new byte[50 * 1024 * 1024];
        java.util.Arrays.fill(fifty, (byte) 'a');
        Api.Response huge = api.upload("/api/v1/summaries/parse", liaison, "huge.txt", fifty);
        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.body()).contains("文件超过允许的大小上限");
    }
}
