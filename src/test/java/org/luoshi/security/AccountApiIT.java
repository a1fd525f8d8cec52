package org.luoshi.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.luoshi.support.Api;
import org.luoshi.support.IntegrationTest;

class AccountApiIT extends IntegrationTest {

    @Test
    void systemAdministratorOpensABusinessAccountThatCanGetAToken() {
        Api api = api();
        String admin = api.token("sysadmin", DEMO_PASSWORD);
        long town = unitId("SF-QS-DS");
        Api.Response created = api.post(
                "/api/v1/accounts",
                admin,
                Map.of(
                        "username",
                        "ds.liaison",
                        "displayName",
                        "何晓梅",
                        "unitId",
                        town,
                        "roles",
                        List.of("LIAISON"),
                        "password",
                        "Init#Pass123"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("username").asString()).isEqualTo("ds.liaison");
        assertThat(created.json().get("roles").get(0).asString()).isEqualTo("LIAISON");
        assertThat(created.json().get("mustChangePassword").asBoolean()).isTrue();
        assertThat(created.json().has("password")).isFalse();

        String token = api.token("ds.liaison", "Init#Pass123");
        Api.Response me = api.get("/api/v1/me", token);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("username").asString()).isEqualTo("ds.liaison");
        assertThat(me.json().get("displayName").asString()).isEqualTo("何晓梅");
        assertThat(me.json().get("unit").get("id").asLong()).isEqualTo(town);
        assertThat(me.json().get("unit").get("name").asString()).isEqualTo("东山街道");
        assertThat(me.json().get("roles").get(0).asString()).isEqualTo("LIAISON");

        String stored = jdbc.sql("SELECT password_hash FROM account WHERE username = 'ds.liaison'")
                .query(String.class)
                .single();
        assertThat(stored).startsWith("{pbkdf2-sm3}100000$").doesNotContain("Init#Pass123");
    }

    @Test
    void aPasswordStoredUnderArgon2IsHashedAgainWithSm3AtTheNextSignIn() {
        Api api = api();
        String admin = api.token("sysadmin", DEMO_PASSWORD);
        assertThat(create(api, admin, "sm3.upgrade", unitId("SF-QS-DS"), List.of("LIAISON"), "Init#Pass123")
                        .status())
                .isEqualTo(201);
        // as an account made before SM3 became the default has it
        String argon2 = "{argon2}"
                + new org.springframework.security.crypto.argon2.Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2)
                        .encode("Init#Pass123");
        jdbc.sql("UPDATE account SET password_hash = :h WHERE username = 'sm3.upgrade'")
                .param("h", argon2)
                .update();
        assertThat(api.post("/api/v1/auth/token", null, Map.of("username", "sm3.upgrade", "password", "Wrong#Pass123"))
                        .status())
                .isEqualTo(401);
        assertThat(hash("sm3.upgrade")).as("a wrong password changes nothing").isEqualTo(argon2);

        String token = api.token("sm3.upgrade", "Init#Pass123");
        assertThat(api.get("/api/v1/me", token).status()).isEqualTo(200);
        String upgraded = hash("sm3.upgrade");
        assertThat(upgraded).startsWith("{pbkdf2-sm3}100000$");
        assertThat(api.token("sm3.upgrade", "Init#Pass123"))
                .as("signs in again")
                .isNotBlank();
        assertThat(hash("sm3.upgrade")).as("hashed once, not at every sign-in").isEqualTo(upgraded);
        assertThat(jdbc.sql("SELECT must_change_password FROM account WHERE username = 'sm3.upgrade'")
                        .query(Boolean.class)
                        .single())
                .as("re-hashing is not a password change")
                .isTrue();
    }

    private String hash(String username) {
        return jdbc.sql("SELECT password_hash FROM account WHERE username = :u")
                .param("u", username)
                .query(String.class)
                .single();
    }

    @Test
    void refusesInvalidAccounts() {
        Api api = api();
        String admin = api.token("sysadmin", DEMO_PASSWORD);
        long unit = unitId("SF-QS");
        assertThat(create(api, admin, "supervisor", unit, List.of("LIAISON"), "Init#Pass123")
                        .json()
                        .get("detail")
                        .asString())
                .contains("已被使用");
        assertThat(create(api, admin, "weakling", unit, List.of("LIAISON"), "password")
                        .json()
                        .get("detail")
                        .asString())
                .contains("至少3类");
        Api.Response mixed =
                create(api, admin, "mixed.roles", unit, List.of("SUPERVISOR", "AUDIT_ADMIN"), "Init#Pass123");
        assertThat(mixed.status()).isEqualTo(400);
        assertThat(mixed.json().get("detail").asString()).contains("三员分立");
        Api.Response admins =
                create(api, admin, "two.admins", unit, List.of("SECURITY_ADMIN", "AUDIT_ADMIN"), "Init#Pass123");
        assertThat(admins.status()).isEqualTo(400);
        Api.Response selfMade = create(api, admin, "new.admin", unit, List.of("AUDIT_ADMIN"), "Init#Pass123");
        assertThat(selfMade.status()).isEqualTo(400);
        assertThat(selfMade.json().get("detail").asString()).contains("安全管理员");
        assertThat(create(api, admin, "no.unit", 98765432L, List.of("LIAISON"), "Init#Pass123")
                        .status())
                .isEqualTo(400);
        assertThat(create(api, admin, "bad role", unit, List.of("LIAISON"), "Init#Pass123")
                        .status())
                .isEqualTo(400);
        assertThat(create(api, admin, "bogus.role", unit, List.of("KING"), "Init#Pass123")
                        .status())
                .isEqualTo(400);
        assertThat(jdbc.sql(
                                "SELECT count(*) FROM account WHERE username IN ('weakling','mixed.roles','two.admins','new.admin','no.unit','bogus.role')")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void onlyTheSystemAdministratorOpensAccounts() {
        Api api = api();
        for (String user : new String[] {"secadmin", "auditor", "supervisor", "unithead"}) {
            String token = api.token(user, DEMO_PASSWORD);
            Api.Response r = create(api, token, "by." + user, unitId("SF-QS"), List.of("LIAISON"), "Init#Pass123");
            assertThat(r.status()).as(user).isEqualTo(403);
        }
    }

    @Test
    void wrongPasswordsLockTheAccountAndTokensFollowItsStanding() {
        Api api = api();
        String admin = api.token("sysadmin", DEMO_PASSWORD);
        create(api, admin, "lock.me", unitId("SF-SM"), List.of("LIAISON"), "Init#Pass123");
        String token = api.token("lock.me", "Init#Pass123");
        for (int i = 1; i <= 4; i++) {
            Api.Response r =
                    api.post("/api/v1/auth/token", null, Map.of("username", "lock.me", "password", "wrong" + i));
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.json().get("detail").asString()).contains("再错" + (5 - i) + "次");
        }
        Api.Response fifth = api.post("/api/v1/auth/token", null, Map.of("username", "lock.me", "password", "wrong5"));
        assertThat(fifth.json().get("detail").asString()).contains("锁定");
        // now even the right password is refused, and so is the token issued before
        Api.Response right =
                api.post("/api/v1/auth/token", null, Map.of("username", "lock.me", "password", "Init#Pass123"));
        assertThat(right.status()).isEqualTo(401);
        assertThat(right.json().get("detail").asString()).contains("锁定");
        assertThat(api.get("/api/v1/me", token).status()).isEqualTo(401);
        assertThat(auditCount("account.locked", "lock.me")).isEqualTo(1);
        assertThat(auditCount("login.failed", "lock.me")).isGreaterThanOrEqualTo(6);
    }

    @Test
    void unknownUsersLookLikeWrongPasswords() {
        Api api = api();
        Api.Response unknown = api.post("/api/v1/auth/token", null, Map.of("username", "nobody.here", "password", "x"));
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.json().get("detail").asString()).isEqualTo("用户名或密码错误");
        assertThat(api.postRaw("/api/v1/auth/token", null, "{}").status()).isEqualTo(401);
    }

    @Test
    void tokensAreListedWithoutSecretsAndCanBeRevoked() {
        Api api = api();
        String token = api.token("deptliaison", DEMO_PASSWORD);
        Api.Response list = api.get("/api/v1/auth/tokens", token);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).doesNotContain(token);
        long newest = list.json().get("tokens").get(0).get("id").asLong();
        assertThat(api.delete("/api/v1/auth/tokens/" + newest, token).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/me", token).status()).isEqualTo(401);
        String hash = jdbc.sql("SELECT token_hash FROM api_token WHERE id = :id")
                .param("id", newest)
                .query(String.class)
                .single();
        assertThat(hash).hasSize(64).isNotEqualTo(token);
        // somebody else's token id is simply not found
        String other = api.token("liaison", DEMO_PASSWORD);
        long othersId = api.get("/api/v1/auth/tokens", other)
                .json()
                .get("tokens")
                .get(0)
                .get("id")
                .asLong();
        String mine = api.token("deptliaison", DEMO_PASSWORD);
        assertThat(api.delete("/api/v1/auth/tokens/" + othersId, mine).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/me", other).status()).isEqualTo(200);
    }

    private static Api.Response create(
            Api api, String token, String username, long unitId, List<String> roles, String password) {
        return api.post(
                "/api/v1/accounts",
                token,
                Map.of(
                        "username",
                        username,
                        "displayName",
                        "测试用户",
                        "unitId",
                        unitId,
                        "roles",
                        roles,
                        "password",
                        password));
    }
}
