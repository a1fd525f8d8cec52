package org.luoshi.demo;

import java.util.HashMap;
import java.util.Map;
import org.luoshi.org.Unit;
import org.luoshi.org.UnitCommand;
import org.luoshi.org.UnitService;
import org.luoshi.security.AccountService;
import org.luoshi.security.DemoMode;
import org.luoshi.security.NewAccount;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** In demo mode: the demo city into an empty database, and the demo password onto demo accounts. */
@Component
@Order(10)
class DemoLoader implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoLoader.class);
    private static final String FINGERPRINT = "demo.password.hash";

    private final DemoMode demo;
    private final UnitService units;
    private final AccountService accounts;
    private final PasswordEncoder encoder;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    DemoLoader(
            DemoMode demo,
            UnitService units,
            AccountService accounts,
            PasswordEncoder encoder,
            JdbcClient jdbc,
            TransactionTemplate tx) {
        this.demo = demo;
        this.units = units;
        this.accounts = accounts;
        this.encoder = encoder;
        this.jdbc = jdbc;
        this.tx = tx;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!demo.enabled()) {
            return;
        }
        tx.executeWithoutResult(status -> {
            long existing =
                    jdbc.sql("SELECT count(*) FROM unit").query(Long.class).single();
            if (existing == 0) {
                load();
            } else {
                log.info("数据库已有数据（{} 个单位），不再载入演示数据", existing);
            }
            refreshPassword();
        });
    }

    private void load() {
        Map<String, Unit> byCode = new HashMap<>();
        int order = 0;
        for (DemoCity.UnitSeed seed : DemoCity.units()) {
            Long parent = seed.parentCode() == null
                    ? null
                    : byCode.get(seed.parentCode()).id();
            Unit unit = units.create(
                    new UnitCommand(seed.name(), seed.shortName(), seed.code(), seed.kind(), parent, order++));
            byCode.put(seed.code(), unit);
        }
        // one slow hash for all demo accounts: they share the demo password anyway
        String hash = encoder.encode(demo.password());
        for (DemoCity.AccountSeed seed : DemoCity.accounts()) {
            accounts.createDemo(
                    new NewAccount(
                            seed.username(),
                            seed.displayName(),
                            seed.title(),
                            byCode.get(seed.unitCode()).id(),
                            seed.roles(),
                            null),
                    hash);
        }
        remember(hash);
        log.info("已载入演示数据：{} 个单位，{} 个账户", byCode.size(), DemoCity.accounts().size());
    }

    private void refreshPassword() {
        String known = jdbc.sql("SELECT value FROM app_setting WHERE key = :k")
                .param("k", FINGERPRINT)
                .query(String.class)
                .optional()
                .orElse(null);
        if (known != null && encoder.matches(demo.password(), known)) {
            return;
        }
        String hash = encoder.encode(demo.password());
        accounts.applyDemoPassword(hash);
        remember(hash);
        log.info("演示账户密码已更新为当前演示密码");
    }

    private void remember(String hash) {
        jdbc.sql("""
                INSERT INTO app_setting (key, value) VALUES (:k, :v)
                ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()
                """).param("k", FINGERPRINT).param("v", hash).update();
    }
}
