package org.luoshi.database;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the data lives. With {@code url} blank, an embedded PostgreSQL is started in
 * {@code dataDir}/pg; otherwise the external server at {@code url} is used.
 */
@ConfigurationProperties("luoshi.database")
public record DatabaseProperties(
        String url,
        String username,
        String password,
        @DefaultValue("data") Path dataDir,
        @DefaultValue("0") int embeddedPort,
        @DefaultValue("20") int maxPoolSize,
        @DefaultValue("auto") String planCacheMode,
        @DefaultValue("0") int parallelWorkersPerQuery) {

    public DatabaseProperties {
        if (!java.util.Set.of("auto", "force_custom_plan", "force_generic_plan").contains(planCacheMode)) {
            throw new IllegalArgumentException("luoshi.database.plan-cache-mode: auto, force_custom_plan or"
                    + " force_generic_plan, not " + planCacheMode);
        }
        if (parallelWorkersPerQuery < 0 || parallelWorkersPerQuery > 64) {
            throw new IllegalArgumentException(
                    "luoshi.database.parallel-workers-per-query: 0 to 64, not " + parallelWorkersPerQuery);
        }
    }

    public boolean embedded() {
        return url == null || url.isBlank();
    }
}
