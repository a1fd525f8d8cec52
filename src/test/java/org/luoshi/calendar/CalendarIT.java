package org.luoshi.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.luoshi.support.Api;
import org.luoshi.support.Browser;
import org.luoshi.support.IntegrationTest;

class CalendarIT extends IntegrationTest {

    @Test
    void theMigrationCarriesTheOfficial2025And2026Arrangements() {
        Api api = api();
        String token = api.token("liaison", DEMO_PASSWORD);
        assertThat(api.get("/api/v1/calendar/working-days?from=2026-02-12&days=3", token)
                        .json()
                        .get("date")
                        .asString())
                .isEqualTo("2026-02-24");
        assertThat(api.get("/api/v1/calendar/working-days?from=2026-09-30&days=4", token)
                        .json()
                        .get("date")
                        .asString())
                .isEqualTo("2026-10-12");
        // 2025: 1月28日至2月4日放假, 2月8日（周六）上班
        assertThat(api.get("/api/v1/calendar/working-days?from=2025-01-27&days=1", token)
                        .json()
                        .get("date")
                        .asString())
                .isEqualTo("2025-02-05");
        var year = api.get("/api/v1/calendar/2026", token).json();
        assertThat(year.get("known").asBoolean()).isTrue();
        assertThat(year.get("days")
                        .valueStream()
                        .filter(d -> d.get("kind").asString().equals("WORKDAY"))
                        .count())
                .isEqualTo(6);
        assertThat(api.get("/api/v1/calendar/working-days?from=2026-02-12&days=-1", token)
                        .status())
                .isEqualTo(400);
    }

    @Test
    void theSystemAdministratorEntersTheNextYear() {
        Browser b = browserSession();
        b.follow(b.login("sysadmin", DEMO_PASSWORD));
        assertThat(b.get("/admin/calendar?year=2027").body()).contains("尚未录入");
        Browser.Page saved = b.postForm(
                "/admin/calendar",
                Map.of("first", "2027-01-01", "last", "2027-01-03", "kind", "HOLIDAY", "name", "元旦"));
        assertThat(saved.status()).isEqualTo(302);
        Browser.Page page = b.get("/admin/calendar?year=2027");
        assertThat(page.body()).contains("2027-01-02").contains("元旦").doesNotContain("尚未录入");
        assertThat(auditCount("calendar.set", "2027-01-01")).isEqualTo(1);

        Browser.Page refused = b.postForm(
                "/admin/calendar",
                Map.of("first", "2027-03-10", "last", "2027-03-01", "kind", "HOLIDAY", "name", "倒序"));
        assertThat(refused.status()).isEqualTo(302);
        assertThat(b.get("/admin/calendar?year=2027").body()).contains("结束日期须在开始日期之后");
        assertThat(jdbc.sql("SELECT count(*) FROM calendar_day WHERE name = '倒序'")
                        .query(Long.class)
                        .single())
                .isZero();

        b.postForm("/admin/calendar/2027-01-03/clear", Map.of());
        assertThat(jdbc.sql("SELECT count(*) FROM calendar_day WHERE day = '2027-01-03'")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void businessUsersCannotEditTheCalendar() {
        Browser b = browserSession();
        b.follow(b.login("supervisor", DEMO_PASSWORD));
        assertThat(b.get("/admin/calendar").status()).isEqualTo(403);
        Browser.Page post =
                b.postForm("/admin/calendar", Map.of("first", "2026-12-31", "kind", "HOLIDAY", "name", "私自放假"));
        assertThat(post.status()).isEqualTo(403);
        assertThat(jdbc.sql("SELECT count(*) FROM calendar_day WHERE name = '私自放假'")
                        .query(Long.class)
                        .single())
                .isZero();
    }
}
