package org.luoshi.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return CommandLine.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of());
    }

    @Test
    void helpListsEveryVerb() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("serve", "audit verify", "account create", "account reset-password");
    }

    @Test
    void unknownVerbExitsTwoWithAMessage() {
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("未知命令 frobnicate")
                .contains("--help");
    }

    @Test
    void badOptionsExitTwo() {
        assertThat(run("serve", "--port", "seventy")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("端口");
        assertThat(run("serve", "--colour")).isEqualTo(2);
        assertThat(run("audit", "check")).isEqualTo(2);
        assertThat(run("account")).isEqualTo(2);
        assertThat(run("serve", "--data")).isEqualTo(2);
    }

    @Test
    void parsesValuedOptionsAndFlags() {
        Arguments a = Arguments.parse(
                new String[] {"serve", "--port=9000", "--data", "/tmp/x", "--demo"},
                Set.of("port", "data"),
                Set.of("demo"));
        assertThat(a.words()).containsExactly("serve");
        assertThat(a.option("port")).isEqualTo("9000");
        assertThat(a.option("data")).isEqualTo("/tmp/x");
        assertThat(a.flag("demo")).isTrue();
        assertThatThrownBy(() -> a.require("username")).isInstanceOf(UsageError.class);
    }
}
