package org.luoshi.demo;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.luoshi.item.HistoricalItem;
import org.luoshi.item.ItemStatus;
import org.luoshi.item.NewItem;
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
    private final org.luoshi.item.ItemService items;
    private final java.time.Clock clock;
    private final org.luoshi.item.SourceService sources;
    private final org.luoshi.item.EvidenceService evidence;
    private final org.luoshi.progress.IndicatorService indicators;
    private final org.luoshi.progress.ReportService reports;
    private final org.luoshi.reminder.ReminderService reminders;
    private final DemoOversight oversight;

    DemoLoader(
            DemoMode demo,
            UnitService units,
            AccountService accounts,
            PasswordEncoder encoder,
            JdbcClient jdbc,
            TransactionTemplate tx,
            org.luoshi.item.ItemService items,
            java.time.Clock clock,
            org.luoshi.item.SourceService sources,
            org.luoshi.item.EvidenceService evidence,
            org.luoshi.progress.IndicatorService indicators,
            org.luoshi.progress.ReportService reports,
            org.luoshi.reminder.ReminderService reminders,
            DemoOversight oversight) {
        this.reminders = reminders;
        this.oversight = oversight;
        this.indicators = indicators;
        this.reports = reports;
        this.demo = demo;
        this.units = units;
        this.accounts = accounts;
        this.encoder = encoder;
        this.jdbc = jdbc;
        this.tx = tx;
        this.items = items;
        this.clock = clock;
        this.sources = sources;
        this.evidence = evidence;
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
        int items = loadItems(byCode);
        var supervisor = org.luoshi.security.CurrentUser.of(
                accounts.findByUsername("supervisor").orElseThrow(), false);
        oversight.load(supervisor);
        oversight.oversee(supervisor, byCode.get("SF").id());
        log.info(
                "已载入演示数据：{} 个单位，{} 个账户，{} 项督办事项",
                byCode.size(),
                DemoCity.accounts().size(),
                items);
    }

    /**
     * Each task goes to several units (counties, towns, departments) with its own state, deadline
     * and history; the counties' items are led by the vice-mayor, who instructs on a few.
     */
    private int loadItems(Map<String, Unit> byCode) {
        List<Unit> takers = byCode.values().stream()
                .filter(u -> u.kind() != org.luoshi.org.UnitKind.CITY && u.kind() != org.luoshi.org.UnitKind.VILLAGE)
                .filter(u -> !u.code().equals("SF-DCJ") && !u.code().equals("SF-DSJ"))
                .sorted(java.util.Comparator.comparing(Unit::code))
                .toList();
        Long leader = accounts.findByUsername("leader")
                .map(org.luoshi.security.Account::id)
                .orElse(null);
        var supervisor = accounts.findByUsername("supervisor").orElseThrow();
        var viceMayor = accounts.findByUsername("leader").orElseThrow();
        LocalDate today = LocalDate.now(clock);
        Map<org.luoshi.item.ItemKind, List<Long>> sourcesByKind = DemoItems.sources(sources, today);
        DemoProgress progress = new DemoProgress(indicators, reports, today);
        reports.requireHeadApproval(byCode.get("SF-LJ").id(), true); // 临江区 sends reports through its head
        int n = 0;
        for (int round = 0; round < 6; round++) {
            for (DemoItems.Task task : DemoItems.TASKS) {
                Unit unit = takers.get((n * 7 + round) % takers.size());
                ItemStatus status = DemoItems.STATES.get(n % DemoItems.STATES.size());
                LocalDate deadline = DemoItems.deadline(today, n);
                if (status == ItemStatus.DRAFT || status == ItemStatus.DISPATCHED) {
                    deadline = today.plusDays(30 + n % 60); // not yet signed: still ahead
                }
                boolean reopened = status == ItemStatus.IN_PROGRESS && n % 9 == 4;
                String title = round == 0 ? task.title() : task.title() + "（" + unit.displayName() + "）";
                var item = items.takeOver(
                        new HistoricalItem(
                                new NewItem(
                                                title,
                                                task.content(),
                                                task.kind(),
                                                task.level(),
                                                DemoItems.CADENCES.get(n % DemoItems.CADENCES.size()),
                                                unit.id(),
                                                unit.kind() == org.luoshi.org.UnitKind.COUNTY ? leader : null,
                                                today.minusDays(100),
                                                deadline,
                                                null,
                                                null)
                                        .withTags(DemoItems.tags(task, n))
                                        .withMilestones(DemoItems.milestones(task, today.minusDays(100), deadline))
                                        .withSources(sourcesByKind.get(task.kind())),
                                status,
                                status == ItemStatus.DRAFT ? null : today.minusDays(60 + n % 40),
                                status == ItemStatus.CLOSED ? today.minusDays(n % 30) : null,
                                status == ItemStatus.CLOSED
                                        ? DemoItems.RATINGS.get(n % DemoItems.RATINGS.size())
                                        : null,
                                reopened ? "回头看发现问题反弹，已重新打开" : null),
                        "demo");
                progress.load(item, task, n);
                if (status == ItemStatus.CLOSED || status == ItemStatus.CLOSURE_REQUESTED) {
                    evidence.takeOver(item.id(), "办结佐证材料-" + item.code() + ".pdf", DemoItems.pdf(item.code()), "demo");
                }
                if (item.leadLeaderId() != null && n % 4 == 1 && status != ItemStatus.DRAFT) {
                    items.comment(
                            org.luoshi.security.CurrentUser.of(viceMayor, false),
                            item.id(),
                            "此项事关群众切身利益，请牵头单位倒排工期、挂图作战，确保按期完成。");
                }
                if (n % 5 == 0 && status != ItemStatus.DRAFT) {
                    items.comment(
                            org.luoshi.security.CurrentUser.of(supervisor, false),
                            item.id(),
                            "请按时限要求推进，每月5日前报送进展和佐证材料。");
                }
                n++;
            }
        }
        reminders.scan(); // the reminders a city with this ledger would have received by now
        return n;
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
