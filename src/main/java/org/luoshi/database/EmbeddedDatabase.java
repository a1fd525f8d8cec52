package org.luoshi.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server owned by this process, its cluster kept in a folder between runs.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    static final String DATABASE = "luoshi";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private final EmbeddedPostgres postgres;
    private final boolean created;

    private EmbeddedDatabase(EmbeddedPostgres postgres, boolean created) {
        this.postgres = postgres;
        this.created = created;
    }

    /**
     * The port of a server that a running Luoshi already started on {@code dataDir}, if any: a
     * command-line verb then works against it instead of starting a second server on the same files.
     */
    public static Optional<Integer> runningFor(Path dataDir) {
        Path cluster = dataDir.toAbsolutePath().resolve("pg");
        try {
            Optional<Long> pid = OrphanPostmaster.pidOf(cluster);
            if (pid.isEmpty()) {
                return Optional.empty();
            }
            Optional<ProcessHandle> handle = ProcessHandle.of(pid.get());
            if (handle.isPresent()
                    && OrphanPostmaster.isPostgres(handle.get())
                    && OrphanPostmaster.ownedByLiveProcess(cluster)) {
                return OrphanPostmaster.portOf(cluster);
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static String jdbcUrl(int port) {
        return "jdbc:postgresql://localhost:" + port + "/" + DATABASE;
    }

    /** Starts the server for {@code dataDir}, durable (fsync on), creating the cluster if absent. */
    public static EmbeddedDatabase start(Path dataDir, int port) {
        Path cluster = dataDir.toAbsolutePath().resolve("pg");
        try {
            Files.createDirectories(cluster.getParent());
            boolean fresh = !Files.exists(cluster.resolve("PG_VERSION"));
            stopOrphan(cluster);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(cluster)
                    .setCleanDataDirectory(false)
                    .setOverrideWorkingDirectory(
                            dataDir.toAbsolutePath().resolve("pg-runtime").toFile())
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // zonky is tuned for throwaway test clusters; this one keeps real data
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("max_connections", "200")
                    // statement statistics for an operator (and bench/run) to see where time goes
                    .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                    // the server's own log in pg/log, a file per weekday overwritten a week later
                    .setServerConfig("logging_collector", "on")
                    .setServerConfig("log_directory", "log")
                    .setServerConfig("log_filename", "postgresql-%a.log")
                    .setServerConfig("log_truncate_on_rotation", "on")
                    .setServerConfig("log_rotation_age", "1d")
                    .setServerConfig("log_rotation_size", "0");
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres pg = builder.start();
            createDatabaseIfMissing(pg);
            log.info("Embedded PostgreSQL on port {} with data in {}", pg.getPort(), cluster);
            return new EmbeddedDatabase(pg, fresh);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL in " + cluster, e);
        }
    }

    public String jdbcUrl() {
        return jdbcUrl(postgres.getPort());
    }

    public int port() {
        return postgres.getPort();
    }

    /** True when this start initialised a new cluster. */
    public boolean created() {
        return created;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("Embedded PostgreSQL did not stop cleanly", e);
        }
    }

    private static void createDatabaseIfMissing(EmbeddedPostgres pg) {
        try (Connection c = pg.getPostgresDatabase().getConnection();
                var check = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            check.setString(1, DATABASE);
            try (var rs = check.executeQuery()) {
                if (!rs.next()) {
                    try (var create = c.createStatement()) {
                        create.execute("CREATE DATABASE " + DATABASE + " ENCODING 'UTF8' TEMPLATE template0");
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + DATABASE, e);
        }
    }

    /**
     * After a kill -9 of the application the postmaster survives, re-parented; it holds the
     * cluster and the next start would fail on postmaster.pid. Stop it first.
     */
    static void stopOrphan(Path cluster) throws IOException {
        Optional<Long> pid = OrphanPostmaster.pidOf(cluster);
        if (pid.isEmpty()) {
            return;
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid.get());
        if (handle.isEmpty() || !OrphanPostmaster.isPostgres(handle.get())) {
            return;
        }
        ProcessHandle process = handle.get();
        if (OrphanPostmaster.ownedByLiveProcess(cluster)) {
            throw new IllegalStateException("数据目录 " + cluster.getParent()
                    + " 正被另一个运行中的落实进程使用 / the data folder is in use by a running Luoshi (postmaster pid "
                    + pid.get() + "): stop it first, or point LUOSHI_DATABASE_URL at its database");
        }
        log.warn("Stopping a PostgreSQL left running by an earlier run (pid {})", pid.get());
        process.destroy();
        waitFor(process, Duration.ofSeconds(20));
        if (process.isAlive()) {
            process.destroyForcibly();
            waitFor(process, Duration.ofSeconds(10));
        }
        if (!process.isAlive()) {
            Files.deleteIfExists(cluster.resolve("postmaster.pid"));
        }
    }

    private static void waitFor(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // still alive after the timeout; the caller escalates
        }
    }
}
