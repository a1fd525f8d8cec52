package org.luoshi.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the packaged jar as a separate process, the way an operator does. */
final class JarProcess {

    static final Path JAR = Path.of("target", "luoshi.jar");

    record Result(int exit, String output) {}

    private JarProcess() {}

    /** The environment that points the jar at a test database. */
    static Map<String, String> database(org.luoshi.support.TestDatabase db) {
        return Map.of(
                "LUOSHI_DATABASE_URL", db.url(),
                "LUOSHI_DATABASE_USERNAME", db.username(),
                "LUOSHI_DATABASE_PASSWORD", db.password());
    }

    /** The environment that points the jar at a PostgreSQL the test started, with the demo accounts' password. */
    static Map<String, String> database(org.luoshi.database.EmbeddedDatabase db, String demoPassword) {
        Map<String, String> env = new java.util.HashMap<>();
        env.put("LUOSHI_DATABASE_URL", db.jdbcUrl());
        env.put("LUOSHI_DATABASE_USERNAME", "postgres");
        env.put("LUOSHI_DATABASE_PASSWORD", "");
        env.put("LUOSHI_DEMO_PASSWORD", demoPassword);
        return env;
    }

    static Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        Process p = start(env, args);
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("luoshi " + String.join(" ", args) + " did not finish");
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes()));
    }

    static Process start(Map<String, String> env, String... args) throws IOException {
        if (!Files.exists(JAR)) {
            throw new AssertionError("target/luoshi.jar is missing: run the tests through ./mvnw verify");
        }
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx512m");
        command.add("-jar");
        command.add(JAR.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("LUOSHI_DATABASE_URL");
        builder.environment().putAll(env);
        return builder.start();
    }

    /** Waits until the server answers its login page, and returns what it logged meanwhile. */
    static String awaitLogin(int port, Process process) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        StringBuilder log = new StringBuilder();
        // the whole output also lands in target/jar-PORT.log, to read after a failure
        Path file = Path.of("target", "jar-" + port + ".log");
        var reader = new Thread(() -> {
            try (var copy = Files.newOutputStream(file)) {
                process.getInputStream().transferTo(new java.io.OutputStream() {
                    @Override
                    public void write(int b) throws IOException {
                        write(new byte[] {(byte) b}, 0, 1);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        copy.write(b, off, len);
                        synchronized (log) {
                            log.append(new String(b, off, len, java.nio.charset.StandardCharsets.UTF_8));
                        }
                    }
                });
            } catch (IOException e) {
                // process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("server exited early:\n" + log);
            }
            try {
                var r = http.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    synchronized (log) {
                        return log.toString();
                    }
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("server did not come up:\n" + log);
    }

    static void stop(Process process, boolean kill) throws InterruptedException {
        if (kill) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
