package org.luoshi.org;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.luoshi.support.Api;
import org.luoshi.support.IntegrationTest;

class UnitApiIT extends IntegrationTest {

    @Test
    void systemAdministratorCreatesAndFindsUnits() {
        Api api = api();
        String admin = api.token("sysadmin", DEMO_PASSWORD);
        long county = unitId("SF-QS");
        Api.Response created = api.post(
                "/api/v1/units", admin, Map.of("name", "翠湖街道", "code", "SF-QS-CH", "kind", "TOWN", "parentId", county));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("name").asString()).isEqualTo("翠湖街道");
        assertThat(created.json().get("parentId").asLong()).isEqualTo(county);
        long id = created.json().get("id").asLong();

        Api.Response found = api.get("/api/v1/units?q=%E7%BF%A0%E6%B9%96", admin); // 翠湖
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json().get("units").valueStream().map(u -> u.get("id").asLong()))
                .containsExactly(id);
        var unit = found.json().get("units").get(0);
        assertThat(unit.get("code").asString()).isEqualTo("SF-QS-CH");
        assertThat(unit.get("kind").asString()).isEqualTo("TOWN");
        assertThat(auditCount("unit.created", "SF-QS-CH") + auditCount("unit.created", "翠湖街道"))
                .isPositive();
    }

    @Test
    void invalidUnitsAreRefusedWithProblemDetails() {
        Api api = api();
        String admin = api.token("sysadmin", DEMO_PASSWORD);
        long county = unitId("SF-QS");
        Api.Response noName = api.post(
                "/api/v1/units", admin, Map.of("name", " ", "code", "X-1", "kind", "TOWN", "parentId", county));
        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.contentType()).startsWith("application/problem+json");
        assertThat(noName.json().get("detail").asString()).contains("单位名称");
        assertThat(noName.json().get("field").asString()).isEqualTo("name");

        Api.Response wrongKind = api.post(
                "/api/v1/units", admin, Map.of("name", "某村", "code", "X-2", "kind", "VILLAGE", "parentId", county));
        assertThat(wrongKind.status()).isEqualTo(400);
        assertThat(wrongKind.json().get("detail").asString()).contains("区县").contains("村/社区");

        Api.Response unknownKind =
                api.post("/api/v1/units", admin, Map.of("name", "某处", "code", "X-3", "kind", "GALAXY"));
        assertThat(unknownKind.status()).isEqualTo(400);

        Api.Response taken = api.post(
                "/api/v1/units", admin, Map.of("name", "另一个", "code", "SF-LJ", "kind", "TOWN", "parentId", county));
        assertThat(taken.status()).isEqualTo(400);
        assertThat(taken.json().get("detail").asString()).contains("SF-LJ");

        Api.Response noParent = api.post(
                "/api/v1/units", admin, Map.of("name", "孤岛", "code", "X-4", "kind", "TOWN", "parentId", 99999999));
        assertThat(noParent.status()).isEqualTo(400);

        Api.Response garbage = api.postRaw("/api/v1/units", admin, "{not json");
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.contentType()).startsWith("application/problem+json");
    }

    @Test
    void onlyTheSystemAdministratorMaintainsTheTree() {
        Api api = api();
        for (String user : new String[] {"supervisor", "liaison", "auditor", "secadmin", "leader"}) {
            String token = api.token(user, DEMO_PASSWORD);
            assertThat(api.get("/api/v1/units", token).status())
                    .as(user + " lists")
                    .isEqualTo(403);
            Api.Response post =
                    api.post("/api/v1/units", token, Map.of("name", "越权单位", "code", "NOPE-" + user, "kind", "TOWN"));
            assertThat(post.status()).as(user + " creates").isEqualTo(403);
            assertThat(post.contentType()).startsWith("application/problem+json");
        }
        assertThat(api.get("/api/v1/units", null).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/units", "lst_forged-token").status()).isEqualTo(401);
        assertThat(jdbc.sql("SELECT count(*) FROM unit WHERE code LIKE 'NOPE-%'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void businessUsersSeeTheirSubtreeAndNothingElse() {
        Api api = api();
        long city = unitId("SF");
        long linjiang = unitId("SF-LJ");
        long jiangbei = unitId("SF-LJ-JB");
        long qingshan = unitId("SF-QS");
        long fgw = unitId("SF-FGW");

        String county = api.token("liaison", DEMO_PASSWORD);
        assertThat(api.get("/api/v1/units/" + linjiang, county).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/units/" + jiangbei, county).status()).isEqualTo(200);
        Api.Response other = api.get("/api/v1/units/" + qingshan, county);
        Api.Response missing = api.get("/api/v1/units/987654321", county);
        // another county's unit and a unit that does not exist look exactly alike
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.json().get("detail")).isEqualTo(missing.json().get("detail"));
        assertThat(api.get("/api/v1/units/" + city, county).status()).isEqualTo(404);

        String town = api.token("townliaison", DEMO_PASSWORD);
        assertThat(api.get("/api/v1/units/" + jiangbei, town).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/units/" + linjiang, town).status()).isEqualTo(404);

        String dept = api.token("deptliaison", DEMO_PASSWORD);
        assertThat(api.get("/api/v1/units/" + fgw, dept).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/units/" + linjiang, dept).status()).isEqualTo(404);

        // the city's supervision bureau supervises the whole city
        String supervisor = api.token("supervisor", DEMO_PASSWORD);
        assertThat(api.get("/api/v1/units/" + qingshan, supervisor).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/units/" + jiangbei, supervisor).status()).isEqualTo(200);

        // a county's supervision office supervises that county only
        String countySupervisor = api.token("lj.supervisor", DEMO_PASSWORD);
        assertThat(api.get("/api/v1/units/" + jiangbei, countySupervisor).status())
                .isEqualTo(200);
        assertThat(api.get("/api/v1/units/" + qingshan, countySupervisor).status())
                .isEqualTo(404);

        // the audit administrator does no business reading at all
        String auditor = api.token("auditor", DEMO_PASSWORD);
        assertThat(api.get("/api/v1/units/" + linjiang, auditor).status()).isEqualTo(403);
        assertThat(auditCount("access.denied", "/api/v1/units/" + qingshan)).isPositive();
    }
}
