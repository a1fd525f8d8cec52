package org.luoshi.database;

/**
 * The PostgreSQL this run uses: either an external server or the embedded one, started here and
 * stopped on close.
 */
public final class DatabaseServer implements AutoCloseable {

    private final String jdbcUrl;
    private final String username;
    private final String password;
    private final EmbeddedDatabase embedded;

    private DatabaseServer(String jdbcUrl, String username, String password, EmbeddedDatabase embedded) {
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
        this.embedded = embedded;
    }

    static DatabaseServer of(DatabaseProperties properties) {
        if (!properties.embedded()) {
            return new DatabaseServer(properties.url(), properties.username(), properties.password(), null);
        }
        var running = EmbeddedDatabase.runningFor(properties.dataDir());
        if (running.isPresent()) {
            // a server of ours holds these files: share its database rather than fight over them
            return new DatabaseServer(EmbeddedDatabase.jdbcUrl(running.get()), "postgres", "", null);
        }
        EmbeddedDatabase db = EmbeddedDatabase.start(properties.dataDir(), properties.embeddedPort());
        return new DatabaseServer(db.jdbcUrl(), "postgres", "", db);
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
