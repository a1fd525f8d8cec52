package org.luoshi.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DatabaseProperties.class)
class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    DatabaseServer databaseServer(DatabaseProperties properties) {
        return EarlyDatabaseStart.take(properties).orElseGet(() -> DatabaseServer.of(properties));
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(DatabaseServer server, DatabaseProperties properties) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("luoshi");
        config.setJdbcUrl(server.jdbcUrl());
        config.setUsername(server.username());
        config.setPassword(server.password());
        config.setMaximumPoolSize(properties.maxPoolSize());
        // fail fast when the database is away instead of hanging requests (DatabaseOutageFilter
        // then answers 503); requests are admitted fewer than the pool holds, so none waits this long
        config.setConnectionTimeout(3_000);
        config.setValidationTimeout(2_000);
        // PostgreSQL's default; reads over a subtree ask for plans of their own (CustomPlans)
        // and none of them is split over parallel workers unless asked: on a small server busy with
        // many people's pages, a parallel plan of a dashboard list took 60–120 ms against 2–6 ms serial
        config.addDataSourceProperty(
                "options",
                "-c plan_cache_mode=" + properties.planCacheMode() + " -c max_parallel_workers_per_gather="
                        + properties.parallelWorkersPerQuery());
        // a batch of inserts goes as multi-row statements: the tables' statement triggers then run
        // once per hundred rows of a ledger import instead of once per row
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        return new HikariDataSource(config);
    }
}
