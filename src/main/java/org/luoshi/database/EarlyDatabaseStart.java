package org.luoshi.database;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.SpringApplicationEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;

/**
 * Starts the embedded PostgreSQL as soon as the configuration is known, while Spring still reads
 * the application's classes (three to four seconds on two cores), instead of after them: the
 * {@code databaseServer} bean then takes the server already started for the same folder and port.
 */
public final class EarlyDatabaseStart implements ApplicationListener<SpringApplicationEvent> {

    private record Early(Path dataDir, int port, CompletableFuture<DatabaseServer> server) {}

    private static final AtomicReference<Early> EARLY = new AtomicReference<>();

    @Override
    public void onApplicationEvent(SpringApplicationEvent event) {
        if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
            DatabaseProperties properties =
                    Binder.get(prepared.getEnvironment()).bindOrCreate("luoshi.database", DatabaseProperties.class);
            if (properties.embedded()) {
                Early early = new Early(
                        properties.dataDir().toAbsolutePath(),
                        properties.embeddedPort(),
                        CompletableFuture.supplyAsync(
                                () -> DatabaseServer.of(properties),
                                r -> Thread.ofPlatform()
                                        .name("database-start")
                                        .daemon()
                                        .start(r)));
                close(EARLY.getAndSet(early));
            }
        } else if (event instanceof ApplicationFailedEvent) {
            close(EARLY.getAndSet(null)); // nobody will take it: stop it
        }
    }

    /** The server started early for this folder and port, if any; each one is taken once. */
    static Optional<DatabaseServer> take(DatabaseProperties properties) {
        Early early = EARLY.get();
        if (early == null
                || !early.dataDir().equals(properties.dataDir().toAbsolutePath())
                || early.port() != properties.embeddedPort()
                || !EARLY.compareAndSet(early, null)) {
            return Optional.empty();
        }
        try {
            return Optional.of(early.server().join());
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private static void close(Early early) {
        if (early != null) {
            early.server().thenAccept(DatabaseServer::close);
        }
    }
}
