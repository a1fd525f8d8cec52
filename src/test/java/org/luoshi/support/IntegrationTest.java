package org.luoshi.support;

import java.util.Set;
import org.luoshi.security.CurrentUser;
import org.luoshi.security.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application on a real port against real PostgreSQL, with the demo city loaded once.
 * Every integration test extends it so that they share one Spring context.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "luoshi.demo.enabled=true",
            "luoshi.demo.password=" + IntegrationTest.DEMO_PASSWORD,
            // jobs are driven by the tests that are about them, never behind another test's back
            "luoshi.jobs.enabled=false",
            // the demo city's exports then span several chunks of reading
            "luoshi.export.chunk-rows=40"
        })
public abstract class IntegrationTest {

    public static final String DEMO_PASSWORD = "Demo#Pass2026";

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase db = TestDatabase.get();
        registry.add("luoshi.database.url", db::url);
        registry.add("luoshi.database.username", db::username);
        registry.add("luoshi.database.password", db::password);
    }

    protected String base() {
        return "http://localhost:" + port;
    }

    protected Api api() {
        return new Api(base());
    }

    protected Browser browserSession() {
        return new Browser(base());
    }

    /** The demo city's supervisor as the services see him, for calls made without a request. */
    protected CurrentUser supervisor() {
        return jdbc.sql("SELECT id, unit_id FROM account WHERE username = 'supervisor'")
                .query((rs, n) -> new CurrentUser(
                        rs.getLong(1), "supervisor", "督查员", rs.getLong(2), Set.of(Role.SUPERVISOR), false))
                .single();
    }

    protected long unitId(String code) {
        return jdbc.sql("SELECT id FROM unit WHERE code = :c")
                .param("c", code)
                .query(Long.class)
                .single();
    }

    protected long auditCount(String action, String targetOrActor) {
        return jdbc.sql("""
                        SELECT count(*) FROM audit_event
                         WHERE action = :a AND (actor = :t OR target_id = :t OR summary LIKE '%' || :t || '%')
                        """)
                .param("a", action)
                .param("t", targetOrActor)
                .query(Long.class)
                .single();
    }
}
