package org.luoshi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.luoshi.database.EmbeddedDatabase;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code generate} as an operator runs it: into a fresh embedded database, whole or not at all. */
class GenerateIT {

    @Test
    void aSmallProvinceIsGeneratedChainedAndNotGeneratedTwice(@TempDir Path data) throws Exception {
        var run = JarProcess.run(
                Map.of(),
                "generate",
                "--units",
                "60",
                "--items",
                "400",
                "--reports",
                "3000",
                "--seed",
                "3",
                "--data",
                data.toString());
        assertThat(run.exit()).as(run.output()).isZero();
        Matcher json = Pattern.compile("(?m)^\\{.*\\}$").matcher(run.output());
        assertThat(json.find()).as(run.output()).isTrue();
        JsonNode made = JsonMapper.builder().build().readTree(json.group());
        assertThat(made.get("units").asInt()).isEqualTo(60);
        assertThat(made.get("accounts").asInt()).isEqualTo(600);
        assertThat(made.get("items").asInt()).isEqualTo(400);
        assertThat(made.get("reports").asInt()).isBetween(1, 3000);
        assertThat(made.get("indicatorValues").asInt()).isPositive();
        assertThat(run.output()).contains("省级督查员 g2");

        // every generated item left an audit record, and the chain verifies
        var verify = JarProcess.run(Map.of(), "audit", "verify", "--data", data.toString());
        assertThat(verify.exit()).as(verify.output()).isZero();
        assertThat(verify.output()).contains("核验 " + made.get("audit").asInt() + " 条");
        assertThat(made.get("audit").asInt()).isGreaterThanOrEqualTo(400);

        // a second run refuses and changes nothing
        var again = JarProcess.run(Map.of(), "generate", "--units", "60", "--items", "10", "--data", data.toString());
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.output()).contains("已有业务数据").contains("60 个单位");
        var still = JarProcess.run(Map.of(), "audit", "verify", "--data", data.toString());
        assertThat(still.output()).contains("核验 " + made.get("audit").asInt() + " 条");

        // the load switched off the triggers that mark kept paces stale; the province it left has them on
        try (EmbeddedDatabase db = EmbeddedDatabase.start(data, JarProcess.freePort());
                var c = DriverManager.getConnection(db.jdbcUrl(), "postgres", "");
                var rs = c.createStatement()
                        .executeQuery("SELECT count(*), count(*) FILTER (WHERE tgenabled = 'O') FROM pg_trigger"
                                + " WHERE NOT tgisinternal AND tgname LIKE 'item\\_pace\\_%'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("kept-pace triggers").isPositive();
            assertThat(rs.getInt(2)).as("of them switched on").isEqualTo(rs.getInt(1));
        }
    }

    @Test
    void wrongSizesAreRefusedBeforeAnythingStarts() throws Exception {
        var bad = JarProcess.run(Map.of(), "generate", "--items", "many");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.output()).contains("--items 须为非负整数");
        var scale = JarProcess.run(Map.of(), "generate", "--scale", "0");
        assertThat(scale.exit()).isEqualTo(2);
        assertThat(scale.output()).contains("--scale");
    }
}
