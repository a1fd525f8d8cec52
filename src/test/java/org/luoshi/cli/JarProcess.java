package org.luoshi.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the packaged jar as a separate process, the way an operator does. */
final class JarProcess {

    static final Path JAR = Path.of("target", "luoshi.jar");

    record Result(int exit, String output) {}

    private JarProcess() {}

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
}
