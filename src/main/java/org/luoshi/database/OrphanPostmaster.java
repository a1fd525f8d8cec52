package org.luoshi.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Reads a cluster's postmaster.pid and recognises the process it names. */
final class OrphanPostmaster {

    private OrphanPostmaster() {}

    static Optional<Long> pidOf(Path cluster) throws IOException {
        Path pidFile = cluster.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(lines.getFirst().trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static boolean isPostgres(ProcessHandle process) {
        String command = process.info().command().orElse("");
        if (command.contains("postgres")) {
            return true;
        }
        // the command may be hidden from us; /proc tells the name
        try {
            Path comm = Path.of("/proc", Long.toString(process.pid()), "comm");
            return Files.exists(comm) && Files.readString(comm).trim().startsWith("postgres");
        } catch (IOException e) {
            return false;
        }
    }

    /** A postmaster whose parent is still a JVM belongs to a running instance, not to a dead one. */
    static boolean ownedByLiveJava(ProcessHandle postmaster) {
        return postmaster
                .parent()
                .map(parent -> parent.info().command().orElse("").endsWith("java"))
                .orElse(false);
    }
}
