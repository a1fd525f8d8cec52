package org.luoshi.database;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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

    /** The port a running postmaster listens on: the fourth line of postmaster.pid. */
    static Optional<Integer> portOf(Path cluster) throws IOException {
        Path pidFile = cluster.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        try {
            return lines.size() < 4
                    ? Optional.empty()
                    : Optional.of(Integer.parseInt(lines.get(3).trim()));
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

    /**
     * Whether a live process still owns the cluster. pg_ctl detaches the postmaster from the JVM at
     * once, so its parent tells nothing; the embedded server's file lock does, since the operating
     * system releases it when its holder dies.
     */
    static boolean ownedByLiveProcess(Path cluster) {
        Path lock = cluster.resolve("epg-lock");
        if (!Files.exists(lock)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE)) {
            FileLock held = channel.tryLock();
            if (held == null) {
                return true;
            }
            held.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true; // this very JVM holds it
        } catch (IOException e) {
            return false;
        }
    }
}
