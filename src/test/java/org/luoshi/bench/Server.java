package org.luoshi.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The packaged platform started as a separate process, as an operator starts it. */
final class Server implements AutoCloseable {

    final Process process;
    final int port;
    final Path data;
    final double readySeconds;

    private Server(Process process, int port, Path data, double readySeconds) {
        this.process = process;
        this.port = port;
        this.data = data;
        this.readySeconds = readySeconds;
    }

    /** Starts {@code java [jvm] -jar jar serve --data data --port p [args]} and waits for readiness. */
    static Server start(Path jar, Path data, List<String> jvm, Map<String, String> env, String... args)
            throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvm);
        cmd.addAll(List.of("-jar", jar.toString(), "serve", "--data", data.toString(), "--port", String.valueOf(port)));
        cmd.addAll(List.of(args));
        Files.createDirectories(data);
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(data.resolveSibling(data.getFileName() + ".log").toFile());
        pb.environment().putAll(env);
        long t0 = System.nanoTime();
        Process p = pb.start();
        HttpClient http = HttpClient.newHttpClient();
        URI ready = URI.create("http://localhost:" + port + "/actuator/health/readiness");
        while (true) {
            if (!p.isAlive()) {
                throw new IllegalStateException("server exited with " + p.exitValue() + "; see " + data + ".log");
            }
            try {
                if (http.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    break;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (System.nanoTime() - t0 > Duration.ofMinutes(10).toNanos()) {
                p.destroyForcibly();
                throw new IllegalStateException("server not ready after 10 minutes");
            }
            Thread.sleep(50);
        }
        return new Server(p, port, data, (System.nanoTime() - t0) / 1e9);
    }

    String base() {
        return "http://localhost:" + port;
    }

    /** Resident memory of the JVM, in MB. */
    double rssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (IOException e) {
            // process gone
        }
        return Double.NaN;
    }

    /** The embedded PostgreSQL of this data folder, as its superuser. */
    Connection database() throws IOException, SQLException {
        // the server's own session settings, so that SQL replayed bare is planned as the server plans it
        java.util.Properties props = new java.util.Properties();
        props.setProperty("user", "postgres");
        props.setProperty("password", "");
        props.setProperty("options", "-c max_parallel_workers_per_gather=0");
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + databasePort(data) + "/luoshi", props);
    }

    static int databasePort(Path data) throws IOException {
        return Integer.parseInt(Files.readAllLines(data.resolve("pg").resolve("postmaster.pid"))
                .get(3)
                .strip());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
