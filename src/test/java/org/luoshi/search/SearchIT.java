package org.luoshi.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.luoshi.support.Api;
import org.luoshi.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

/** The search box over items, reports and comments, within each person's scope, on PostgreSQL. */
class SearchIT extends IntegrationTest {

    /** The items among the hits: other tests share the database, so a term is checked by item. */
    private static List<Long> itemsFound(JsonNode r) {
        return r.get("hits")
                .valueStream()
                .filter(h -> h.get("kind").asString().equals("ITEM"))
                .map(h -> h.get("itemId").asLong())
                .toList();
    }

    private static List<String> kinds(JsonNode r) {
        return r.get("hits").valueStream().map(h -> h.get("kind").asString()).toList();
    }

    @Test
    void twoCharacterTermsAreFoundInItemsReportsAndComments() {
        Api api = api();
        String supervisor = api.token("supervisor", DEMO_PASSWORD);
        // an item of the county with a rare term in its content, a comment and (through the demo) reports
        long county = unitId("SF-LJ");
        JsonNode item = api.post(
                        "/api/v1/items",
                        supervisor,
                        Map.of(
                                "title", "滨江湿地保护修复",
                                "content", "开展湿地鸟类栖息地修复，清理岸线垃圾。",
                                "kind", "TARGET",
                                "cadence", "MONTHLY",
                                "leadUnitId", county,
                                "deadline", "2099-12-31"))
                .json();
        long id = item.get("id").asLong();
        api.post("/api/v1/items/" + id + "/comment", supervisor, Map.of("text", "请同步做好鸟类监测。"));

        JsonNode birds = api.get("/api/v1/search?q=鸟类", supervisor).json();
        assertThat(kinds(birds)).contains("ITEM", "COMMENT");
        assertThat(birds.get("hits").get(0).get("href").asString()).isEqualTo("/items/" + id);
        // the pairs narrow, the term decides: 湿地 is there, 地鸟 only across a word break, 鸟湿 nowhere
        assertThat(kinds(api.get("/api/v1/search?q=湿地保护", supervisor).json())).contains("ITEM");
        assertThat(api.get("/api/v1/search?q=鸟湿", supervisor).json().get("hits"))
                .isEmpty();
        // a term of the demo's reports
        assertThat(kinds(api.get("/api/v1/search?q=倒排工期", supervisor).json())).contains("REPORT");
        // a single character still finds
        assertThat(api.get("/api/v1/search?q=鸟", supervisor).json().get("hits")).isNotEmpty();
    }

    @Test
    void eachPersonFindsOnlyWhatHeMaySee() {
        Api api = api();
        String supervisor = api.token("supervisor", DEMO_PASSWORD);
        long county = unitId("SF-LJ");
        api.post(
                "/api/v1/items",
                supervisor,
                Map.of(
                        "title", "临江区古树名木普查",
                        "content", "完成古树名木挂牌保护。",
                        "kind", "TARGET",
                        "cadence", "MONTHLY",
                        "leadUnitId", county,
                        "deadline", "2099-12-31"));
        assertThat(api.get("/api/v1/search?q=古树", supervisor).json().get("hits"))
                .isNotEmpty();
        // a city department's liaison sees nothing of the county's work
        String dept = api.token("deptliaison", DEMO_PASSWORD);
        assertThat(api.get("/api/v1/search?q=古树", dept).json().get("hits")).isEmpty();
        assertThat(api.get("/api/v1/search?q=古树", null).status()).isEqualTo(401);
        // tsquery syntax and LIKE wildcards are words, not operators
        assertThat(api.get(
                                "/api/v1/search?q="
                                        + java.net.URLEncoder.encode(
                                                "%_'|!&(", java.nio.charset.StandardCharsets.UTF_8),
                                supervisor)
                        .status())
                .isEqualTo(200);
        assertThat(api.get("/api/v1/search?q=" + "很".repeat(51), supervisor).status())
                .isEqualTo(400);
    }

    @Test
    void theApplicationsPairsIndexATextAsTheDatabasesFunctionDoes() {
        // bulk writes make the pairs in Java; a row written by hand gets them from luoshi_bigrams()
        List<String> texts = new java.util.ArrayList<>(List.of(
                "",
                "督",
                "督查整改 5G基站，督",
                "Hello, 世界! COVID-19 疫情防控ABC123def",
                "全角ＡＢＣ１２３与半角abc混排；㐀㐁扩展A区，豈更兼容区",
                "Ελληνικά и кириллица ÀÉÎ straße",
                "行首\n换行\t制表  多个空格　全角空格",
                "单字 甲 乙 丙 串联甲乙丙"));
        // and a seeded mix of the same kinds of characters
        String alphabet = "督查整改落实推进项目工作ABCxyz019 ，。、；：!?-_ＡＺ０９αβЖж\n㐀豈";
        java.util.Random random = new java.util.Random(20261201);
        for (int n = 0; n < 300; n++) {
            StringBuilder t = new StringBuilder();
            for (int k = random.nextInt(1, 60); k > 0; k--) {
                t.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            texts.add(t.toString());
        }
        for (String text : texts) {
            Boolean same = jdbc.sql(
                            "SELECT to_tsvector('simple', :java) = to_tsvector('simple', luoshi_bigrams(:text))")
                    .param("java", org.luoshi.Bigrams.document(text))
                    .param("text", text)
                    .query(Boolean.class)
                    .single();
            assertThat(same).as("pairs of %s", text).isTrue();
        }
    }

    @Test
    void anEditedDraftIsFoundByItsNewWordsAndARowWrittenByHandIsFoundToo() {
        Api api = api();
        String supervisor = api.token("supervisor", DEMO_PASSWORD);
        JsonNode item = api.post(
                        "/api/v1/items",
                        supervisor,
                        Map.of(
                                "title", "鹭洲渡口驿站修缮",
                                "content", "修缮渡口候船驿站。",
                                "kind", "PROJECT",
                                "cadence", "MONTHLY",
                                "leadUnitId", unitId("SF-LJ"),
                                "deadline", "2099-12-31"))
                .json();
        long id = item.get("id").asLong();
        assertThat(itemsFound(api.get("/api/v1/search?q=鹭洲", supervisor).json()))
                .contains(id);

        Map<String, Object> edit = new java.util.HashMap<>(Map.of(
                "title", "萤火书屋建设",
                "content", "新建萤火书屋五处。",
                "kind", "PROJECT",
                "cadence", "MONTHLY",
                "leadUnitId", unitId("SF-LJ"),
                "deadline", "2099-12-31",
                "version", item.get("version").asInt()));
        assertThat(api.put("/api/v1/items/" + id, supervisor, edit).status()).isEqualTo(200);
        assertThat(itemsFound(api.get("/api/v1/search?q=萤火书屋", supervisor).json()))
                .contains(id);
        assertThat(itemsFound(api.get("/api/v1/search?q=鹭洲", supervisor).json()))
                .as("the old words are gone with the old title")
                .doesNotContain(id);

        jdbc.sql("""
                        INSERT INTO item (code, year, kind, title, content, level, cadence, lead_unit_id,
                                          lead_unit_path, deadline, status, created_by)
                        SELECT 'HAND-0001', year, kind, '鸥鹭湾保洁外包', '手工写入的一行。', level, cadence,
                               lead_unit_id, lead_unit_path, deadline, status, created_by
                          FROM item WHERE id = :id
                        """).param("id", id).update();
        long byHand = jdbc.sql("SELECT id FROM item WHERE code = 'HAND-0001'")
                .query(Long.class)
                .single();
        assertThat(itemsFound(api.get("/api/v1/search?q=鸥鹭湾", supervisor).json()))
                .contains(byHand);
    }
}
