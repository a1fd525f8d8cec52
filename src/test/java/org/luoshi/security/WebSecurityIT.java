package org.luoshi.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.luoshi.support.Api;
import org.luoshi.support.Browser;
import org.luoshi.support.IntegrationTest;

class WebSecurityIT extends IntegrationTest {

    @Test
    void aLiaisonSignsInAndLandsOnTheHomePage() {
        Browser b = browserSession();
        Browser.Page after = b.login("liaison", DEMO_PASSWORD);
        assertThat(after.status()).isEqualTo(302);
        assertThat(after.redirectsTo("/")).isTrue();
        Browser.Page home = b.get("/");
        assertThat(home.status()).isEqualTo(200);
        assertThat(home.body()).contains("陈晓燕").contains("临江区");
        // the session lives in the database, so any node can serve it
        assertThat(jdbc.sql("SELECT count(*) FROM spring_session WHERE principal_name = 'liaison'")
                        .query(Long.class)
                        .single())
                .isPositive();
    }

    @Test
    void pagesCarrySecurityHeaders() {
        Browser b = browserSession();
        Browser.Page login = b.get("/login");
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.body()).contains("用户名").contains("密码");
        var headers = headersOf("/login");
        assertThat(headers.get("content-security-policy"))
                .contains("frame-ancestors 'none'")
                .contains("script-src 'self'");
        assertThat(headers.get("x-content-type-options")).isEqualTo("nosniff");
        assertThat(headers.get("referrer-policy")).isEqualTo("same-origin");
        assertThat(headers.get("x-frame-options")).isEqualTo("DENY");
    }

    @Test
    void wrongPasswordIsRefusedClearlyAndAudited() {
        Browser b = browserSession();
        Browser.Page after = b.login("townliaison", "not-the-password");
        assertThat(after.redirectsTo("/login?error")).isTrue();
        Browser.Page page = b.get("/login?error");
        assertThat(page.body()).contains("用户名或密码错误");
        assertThat(auditCount("login.failed", "townliaison")).isPositive();
        // and the account recovers with the right password
        assertThat(browserSession().login("townliaison", DEMO_PASSWORD).redirectsTo("/"))
                .isTrue();
    }

    @Test
    void fiveFailuresLockTheAccountForTheConfiguredTime() {
        openAccount("web.lock", "SF-BH");
        Browser b = browserSession();
        for (int i = 0; i < 5; i++) {
            b.login("web.lock", "bad-" + i);
        }
        Browser.Page locked = b.login("web.lock", "Init#Pass123");
        assertThat(locked.redirectsTo("/login?error")).isTrue();
        assertThat(b.get("/login?error").body()).contains("锁定");
        double seconds = jdbc.sql(
                        "SELECT extract(epoch FROM locked_until - now()) FROM account WHERE username = 'web.lock'")
                .query(Double.class)
                .single();
        assertThat(seconds).isBetween(13 * 60.0, 15 * 60.0);
    }

    @Test
    void initialPasswordMustBeChangedAndOldPasswordsNotReused() {
        openAccount("first.login", "SF-YX");
        Browser b = browserSession();
        assertThat(b.login("first.login", "Init#Pass123").redirectsTo("/password"))
                .isTrue();
        // every other page sends him back to the password form
        assertThat(b.get("/").redirectsTo("/password")).isTrue();
        assertThat(b.get("/org").redirectsTo("/password")).isTrue();
        assertThat(b.get("/password").body()).contains("初始密码");

        Browser.Page reuse = b.postForm(
                "/password",
                Map.of(
                        "currentPassword",
                        "Init#Pass123",
                        "newPassword",
                        "Init#Pass123",
                        "confirmPassword",
                        "Init#Pass123"));
        assertThat(reuse.status()).isEqualTo(200);
        assertThat(reuse.body()).contains("不能与最近5次使用过的密码相同");

        Browser.Page weak = b.postForm(
                "/password",
                Map.of("currentPassword", "Init#Pass123", "newPassword", "abcdefgh", "confirmPassword", "abcdefgh"));
        assertThat(weak.body()).contains("至少3类");

        Browser.Page ok = b.postForm(
                "/password",
                Map.of(
                        "currentPassword",
                        "Init#Pass123",
                        "newPassword",
                        "Fresh#Pass456",
                        "confirmPassword",
                        "Fresh#Pass456"));
        assertThat(ok.redirectsTo("/")).isTrue();
        assertThat(b.get("/").status()).isEqualTo(200);
        assertThat(auditCount("account.password.changed", "first.login")).isEqualTo(1);
        assertThat(auditCount("account.password.refused", "first.login")).isEqualTo(2);
    }

    @Test
    void postsWithoutCsrfTokenAreRefusedAndAudited() {
        Browser b = browserSession();
        b.follow(b.login("sysadmin", DEMO_PASSWORD)); // a page was seen, so the session holds a token
        long before = auditCount("access.denied", "/admin/units");
        Browser.Page refused = b.postRaw("/admin/units", Map.of("name", "无令牌单位", "code", "NO-CSRF", "kind", "CITY"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body()).contains("安全令牌");
        assertThat(jdbc.sql("SELECT count(*) FROM unit WHERE code = 'NO-CSRF'")
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(auditCount("access.denied", "/admin/units")).isGreaterThan(before);
    }

    @Test
    void businessUsersCannotOpenAdministratorPages() {
        Browser b = browserSession();
        b.login("supervisor", DEMO_PASSWORD);
        for (String path :
                new String[] {"/admin/units", "/admin/accounts", "/admin/security", "/admin/roles", "/audit"}) {
            Browser.Page page = b.get(path);
            assertThat(page.status()).as(path).isEqualTo(403);
            assertThat(page.body()).as(path).contains("无权访问");
            assertThat(auditCount("access.denied", path)).as(path).isPositive();
        }
    }

    @Test
    void administratorsCannotDoEachOthersWork() {
        Map<String, String[]> forbidden = Map.of(
                "sysadmin", new String[] {"/audit", "/admin/security", "/admin/roles", "/org"},
                "secadmin", new String[] {"/audit", "/admin/units", "/admin/accounts", "/org"},
                "auditor", new String[] {"/admin/units", "/admin/accounts", "/admin/security", "/org"});
        forbidden.forEach((user, paths) -> {
            Browser b = browserSession();
            b.login(user, DEMO_PASSWORD);
            for (String path : paths) {
                assertThat(b.get(path).status()).as(user + " " + path).isEqualTo(403);
            }
        });
        Browser auditor = browserSession();
        auditor.login("auditor", DEMO_PASSWORD);
        assertThat(auditor.get("/audit").status()).isEqualTo(200);
    }

    @Test
    void anotherUnitsPageIsNotFoundForABusinessUser() {
        Browser b = browserSession();
        b.login("townliaison", DEMO_PASSWORD);
        assertThat(b.get("/org/units/" + unitId("SF-LJ-JB")).status()).isEqualTo(200);
        Browser.Page other = b.get("/org/units/" + unitId("SF-QS"));
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.body()).contains("不在您的数据范围内").doesNotContain("青山区");
        assertThat(auditCount("access.denied", "/org/units/" + unitId("SF-QS"))).isPositive();
    }

    @Test
    void anExpiredSessionSendsBackToLoginAndIsAudited() {
        Browser b = browserSession();
        b.login("deptliaison", DEMO_PASSWORD);
        assertThat(b.get("/").status()).isEqualTo(200);
        // the idle timeout passes: the session row expires in the shared store
        jdbc.sql("UPDATE spring_session SET expiry_time = 0, last_access_time = 0 WHERE principal_name = 'deptliaison'")
                .update();
        Browser.Page page = b.get("/");
        assertThat(page.redirectsTo("/login?expired")).isTrue();
        assertThat(b.get("/login?expired").body()).contains("会话已过期");
        assertThat(auditCount("session.expired", "/")).isPositive();
    }

    @Test
    void idleTimeoutFollowsThePolicy() {
        Browser b = browserSession();
        b.login("unithead", DEMO_PASSWORD);
        int seconds = jdbc.sql(
                        "SELECT max_inactive_interval FROM spring_session WHERE principal_name = 'unithead' ORDER BY creation_time DESC LIMIT 1")
                .query(Integer.class)
                .single();
        assertThat(seconds).isEqualTo(30 * 60);
    }

    /** A liaison account with the initial password Init#Pass123, opened by the system administrator. */
    private void openAccount(String username, String unitCode) {
        Api api = api();
        Api.Response r = api.post(
                "/api/v1/accounts",
                api.token("sysadmin", DEMO_PASSWORD),
                Map.of(
                        "username",
                        username,
                        "displayName",
                        "测试用户",
                        "unitId",
                        unitId(unitCode),
                        "roles",
                        List.of("LIAISON"),
                        "password",
                        "Init#Pass123"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private java.util.Map<String, String> headersOf(String path) {
        try {
            var r = java.net.http.HttpClient.newHttpClient()
                    .send(
                            java.net.http.HttpRequest.newBuilder(java.net.URI.create(base() + path))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.discarding());
            var map = new java.util.HashMap<String, String>();
            r.headers().map().forEach((k, v) -> map.put(k.toLowerCase(), v.getFirst()));
            return map;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
