package org.luoshi.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * One fresh PostgreSQL database per test JVM: on an external server when
 * LUOSHI_TEST_DATABASE_URL names one (CI does), otherwise on an embedded server started here.
 */
public final class TestDatabase {

    private static TestDatabase instance;

    private final String url;
    private final String username;
    private final String password;
    private final String serverUrl;

    private TestDatabase(String url, String username, String password, String serverUrl) {
        this.url = url;
        this.username = username;
        this.password = password;
        this.serverUrl = serverUrl;
    }

    public static synchronized TestDatabase get() {
        if (instance == null) {
            instance = create();
            System.out.println(
                    "Test database: " + instance + (instance.external() ? " [external server]" : " [embedded]"));
        }
        return instance;
    }

    public String url() {
        return url;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    /** True when the tests run against a server that CI installed rather than the embedded one. */
    public boolean external() {
        return System.getenv("LUOSHI_TEST_DATABASE_URL") != null;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, username, password);
    }

    /** A new, empty database on the same server (a restore target, say). */
    public TestDatabase sibling(String suffix) {
        String name = url.substring(url.lastIndexOf('/') + 1).replaceAll("\\?.*", "") + "_" + suffix;
        createDatabase(serverUrl, username, password, name);
        String base = url.substring(0, url.lastIndexOf('/') + 1);
        String query = url.contains("?") ? url.substring(url.indexOf('?')) : "";
        return new TestDatabase(base + name + query, username, password, serverUrl);
    }

    @Override
    public String toString() {
        return url + " (server " + serverUrl + ")";
    }

    private static TestDatabase create() {
        String name = "luoshi_test_" + ProcessHandle.current().pid() + "_" + System.currentTimeMillis() % 100_000;
        String external = System.getenv("LUOSHI_TEST_DATABASE_URL");
        if (external != null) {
            String user = System.getenv().getOrDefault("LUOSHI_TEST_DATABASE_USERNAME", "postgres");
            String pass = System.getenv().getOrDefault("LUOSHI_TEST_DATABASE_PASSWORD", "");
            createDatabase(external, user, pass, name);
            String url = external.substring(0, external.lastIndexOf('/') + 1) + name;
            return new TestDatabase(url, user, pass, external);
        }
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (IOException e) {
                    // the JVM is ending anyway
                }
            }));
            String server = pg.getJdbcUrl("postgres", "postgres");
            createDatabase(server, "postgres", "", name);
            return new TestDatabase(pg.getJdbcUrl("postgres", name), "postgres", "", server);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL for tests", e);
        }
    }

    private static void createDatabase(String serverUrl, String user, String pass, String name) {
        try (Connection c = DriverManager.getConnection(serverUrl, user, pass);
                var s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + " ENCODING 'UTF8' TEMPLATE template0");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database on " + serverUrl, e);
        }
    }
}
