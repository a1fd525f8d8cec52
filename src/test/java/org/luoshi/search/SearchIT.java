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
}
