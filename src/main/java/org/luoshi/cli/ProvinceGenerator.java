package org.luoshi.cli;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.sql.DataSource;
import org.luoshi.audit.AuditChainer;
import org.luoshi.item.Cadence;
import org.luoshi.progress.ReportService;
import org.luoshi.progress.ReportingPeriod;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Fills an empty database with a believable province for benchmarks: a unit tree five levels deep
 * with departments at every level, accounts with their roles, items of every kind and state over
 * two years (children, co-units, indicators, timelines, comments), periodic reports with indicator
 * values, and an audit record per item, chained like any other. Everything goes in through COPY in
 * one transaction: the database ends with the whole province or with nothing.
 */
final class ProvinceGenerator {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /** What to make. */
    record Plan(int units, int accounts, int items, int reports, int comments, long seed, String password) {

        static Plan of(
                int units, Integer accounts, int items, int reports, Integer comments, long seed, String password) {
            return new Plan(
                    units,
                    accounts == null ? units * 10 : accounts,
                    items,
                    reports,
                    comments == null ? items / 2 : comments,
                    seed,
                    password);
        }
    }

    private static final String[] PLACE_A = {
        "江", "云", "青", "临", "北", "南", "东", "西", "石", "桃", "枫", "金", "银", "玉", "龙", "凤", "长", "清", "安", "宁",
        "平", "永", "新", "丰", "兴", "华", "和", "泰", "嘉", "瑞", "柳", "松", "梅", "兰", "竹", "荷", "沙", "岚", "湘", "汉"
    };
    private static final String[] PLACE_B = {
        "州", "阳", "川", "山", "湖", "溪", "河", "源", "城", "林", "港", "桥", "原", "宁", "安", "丰", "平", "浦", "田", "岭", "塘", "坪",
        "口", "湾", "洲"
    };
    private static final String[] DEPARTMENTS = {
        "发展和改革委员会",
        "教育局",
        "科学技术局",
        "工业和信息化局",
        "公安局",
        "民政局",
        "司法局",
        "财政局",
        "人力资源和社会保障局",
        "自然资源和规划局",
        "生态环境局",
        "住房和城乡建设局",
        "交通运输局",
        "水利局",
        "农业农村局",
        "商务局",
        "文化和旅游局",
        "卫生健康委员会",
        "退役军人事务局",
        "应急管理局",
        "审计局",
        "市场监督管理局",
        "体育局",
        "统计局",
        "医疗保障局",
        "林业局",
        "信访局",
        "数据局",
        "城市管理局",
        "粮食和物资储备局",
        "民族宗教事务局",
        "机关事务管理局",
        "乡村振兴局",
        "营商环境局",
        "行政审批局",
        "供销合作社",
        "气象局",
        "地震局",
        "档案局",
        "政务服务中心"
    };
    private static final String[] SURNAMES = {
        "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高"
    };
    private static final String[] GIVEN = {
        "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "霞", "平", "刚", "华", "建国",
        "晓燕", "志远", "海涛", "丽娟"
    };
    private static final String[] VERBS = {"推进", "完成", "实施", "建设", "整治", "提升", "落实", "开展", "加快", "改造"};
    private static final String[] OBJECTS = {
        "老旧小区改造", "农村公路提档升级", "城乡供水一体化", "污水管网建设", "营商环境优化", "高标准农田建设", "中小学校舍维修",
        "社区养老服务中心", "背街小巷整治", "工业园区基础设施", "河道综合治理", "垃圾分类示范", "智慧政务平台", "乡村振兴示范村",
        "重点项目征地拆迁", "安全生产专项整治", "医保服务下沉", "就业创业扶持", "文旅融合项目", "数字经济产业园"
    };
    private static final String[] NARRATIVES = {
        "按计划推进，本期完成既定节点任务。", "主体工程完成过半，正加快推进附属设施建设。", "已完成前期手续办理，进入施工阶段。",
        "召开专题推进会，倒排工期、挂图作战。", "完成阶段性验收，群众反映良好。", "受天气影响进度略有滞后，已增派施工力量。"
    };
    private static final String[] PROBLEMS = {"资金拨付进度偏慢", "征地拆迁难度较大", "施工力量不足", "部门协调有待加强"};
    private static final String[] STEPS = {"加快资金拨付", "倒排工期确保节点", "加强部门协调", "组织阶段性验收"};
    private static final String[] INDICATORS = {"完成投资", "完成工程量", "新增就业", "改造户数", "建成里程"};
    private static final String[] MEASURES = {"亿元", "%", "人", "户", "公里"};

    private final DataSource dataSource;
    private final PasswordEncoder passwords;
    private final AuditChainer chainer;
    private final ReportService reports;
    private final LocalDate today;
    private final PrintStream out;
    private final SplittableRandom random;
    private final Map<String, LocalDate> dueCache = new HashMap<>();
    private long nextUnitId = 1;
    private long nextAccountId = 1;
    private Long rootId;
    private String rootPath;
    private String provinceSupervisor;

    /** The province's supervisor, to sign in with after generating. */
    String provinceSupervisor() {
        return provinceSupervisor;
    }

    ProvinceGenerator(ConfigurableApplicationContext context, long seed, PrintStream out) {
        this.dataSource = context.getBean(DataSource.class);
        this.passwords = context.getBean(PasswordEncoder.class);
        this.chainer = context.getBean(AuditChainer.class);
        this.reports = context.getBean(ReportService.class);
        this.today = LocalDate.now(context.getBean(Clock.class).withZone(ZONE));
        this.out = out;
        this.random = new SplittableRandom(seed);
    }

    /** A unit as generated. */
    record GenUnit(long id, Long parentId, String name, String kind, String path, int depth, long region) {}

    /** An item as generated, for what hangs off it. */
    record GenItem(
            long id,
            long unitId,
            String unitPath,
            String code,
            String status,
            Cadence cadence,
            LocalDate start,
            LocalDate deadline,
            Instant dispatched,
            Instant closed,
            int indicators,
            String creator) {}

    Map<String, Long> run(Plan plan) throws SQLException {
        Map<String, Long> made = new LinkedHashMap<>();
        long began = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL synchronous_commit = off");
                // empty but for what a first start makes: the root unit and the three administrators
                var rs = s.executeQuery(
                        "SELECT (SELECT count(*) FROM unit WHERE code <> 'ROOT'), (SELECT count(*) FROM item),"
                                + " (SELECT max(id) FROM unit), (SELECT max(id) FROM account),"
                                + " (SELECT id FROM unit WHERE code = 'ROOT'), (SELECT path FROM unit WHERE code = 'ROOT'),"
                                + " (SELECT count(*) FROM unit)");
                rs.next();
                if (rs.getLong(1) > 0 || rs.getLong(2) > 0) {
                    throw new UsageError("数据库里已有业务数据（" + rs.getLong(7) + " 个单位、" + rs.getLong(2)
                            + " 项事项）：generate 只在新建的数据库上运行（换一个 --data 目录或新建数据库）");
                }
                nextUnitId = rs.getLong(3) + 1;
                nextAccountId = rs.getLong(4) + 1;
                rootId = rs.getObject(5) == null ? null : rs.getLong(5);
                rootPath = rs.getString(6);
            }
            List<String> searchIndexes = dropSearchIndexes(c);
            List<String> paceTriggers = paceTriggers(c);
            switchTriggers(c, paceTriggers, false);
            long t = System.nanoTime();
            List<GenUnit> units = units(c, plan.units());
            made.put("units", (long) units.size());
            step("单位", units.size(), t);

            t = System.nanoTime();
            Accounts accounts = accounts(c, units, plan);
            made.put("accounts", (long) accounts.count);
            provinceSupervisor =
                    accounts.supervisorOfRegion.get(units.getFirst().id());
            step("账户", accounts.count, t);

            t = System.nanoTime();
            List<GenItem> items = items(c, units, accounts, plan.items());
            made.put("items", (long) items.size());
            step("督办事项（含时间线、配合单位）", items.size(), t);

            t = System.nanoTime();
            long indicators = indicators(c, items);
            made.put("indicators", indicators);
            step("指标", indicators, t);

            t = System.nanoTime();
            long[] rv = reports(c, items, plan.reports(), accounts);
            made.put("reports", rv[0]);
            made.put("indicatorValues", rv[1]);
            step("进展报告", rv[0], t);

            t = System.nanoTime();
            long comments = comments(c, items, plan.comments());
            made.put("comments", comments);
            step("督办沟通", comments, t);

            t = System.nanoTime();
            long audits = audit(c, items);
            step("审计记录", audits, t);

            t = System.nanoTime();
            try (Statement s = c.createStatement()) {
                for (String ddl : searchIndexes) {
                    s.execute(ddl);
                }
                for (String table : List.of("unit", "account", "item", "indicator", "progress_report")) {
                    s.execute("SELECT setval(pg_get_serial_sequence('" + table
                            + "', 'id'), coalesce((SELECT max(id) FROM " + table + "), 1))");
                }
            }
            step("检索索引重建", searchIndexes.size(), t);
            switchTriggers(c, paceTriggers, true);
            c.commit();
        }
        long t = System.nanoTime();
        made.put("audit", (long) chainer.chainPending());
        step("审计哈希链", made.get("audit"), t);
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("ANALYZE");
        }
        out.printf("完成，用时 %.1f 秒%n", (System.nanoTime() - began) / 1e9);
        return made;
    }

    private void step(String what, long n, long since) {
        out.printf("  %-16s %,12d  %6.1f 秒%n", what, n, (System.nanoTime() - since) / 1e9);
        out.flush();
    }

    /**
     * The triggers that mark an item's kept pace stale when its reports, indicators or steps change,
     * as {@code table trigger}; the load switches them off. A new province keeps no pace yet, so there
     * is nothing to mark; left on, the one COPY of four million reports walked every item's ancestors
     * in one statement for longer than the whole load takes.
     */
    private static List<String> paceTriggers(Connection c) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT tgrelid::regclass::text || ' ' || tgname FROM pg_trigger"
                        + " WHERE NOT tgisinternal AND tgname LIKE 'item\\_pace\\_%'"
                        + " AND tgrelid::regclass::text IN ('progress_report', 'indicator', 'item_milestone')")) {
            while (rs.next()) {
                found.add(rs.getString(1));
            }
        }
        return found;
    }

    private static void switchTriggers(Connection c, List<String> triggers, boolean on) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String t : triggers) {
                String[] tableAndName = t.split(" ");
                s.execute("ALTER TABLE " + tableAndName[0] + (on ? " ENABLE" : " DISABLE") + " TRIGGER "
                        + tableAndName[1]);
            }
        }
    }

    /** The character-pair search indexes cost a function call per row: built once after the load. */
    private static List<String> dropSearchIndexes(Connection c) throws SQLException {
        List<String> ddl = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()"
                    + " AND (indexdef LIKE '%luoshi_bigrams%' OR indexdef LIKE '%search_doc%')"
                    + " AND tablename IN ('item', 'progress_report', 'item_event')");
            List<String> names = new ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
                ddl.add(rs.getString(2));
            }
            for (String n : names) {
                s.execute("DROP INDEX " + n);
            }
        }
        return ddl;
    }

    // ---- units ----

    private List<GenUnit> units(Connection c, int target) throws SQLException {
        double f = Math.pow(target / 10_000.0, 0.25);
        int cities = Math.max(1, (int) Math.round(14 * f));
        int countiesPerCity = Math.max(1, (int) Math.round(8 * f));
        int townsPerCounty = Math.max(1, (int) Math.round(12 * f));
        int deptsProvince = Math.max(1, (int) Math.round(40 * f));
        int deptsCity = Math.max(1, (int) Math.round(30 * f));
        int deptsCounty = Math.max(1, (int) Math.round(20 * f));
        List<GenUnit> all = new ArrayList<>();
        GenUnit province;
        if (rootId != null) {
            // the root a first start made becomes the province
            province = new GenUnit(rootId, null, "示范省", "PROVINCE", rootPath, 0, rootId);
            all.add(province);
            try (Statement s = c.createStatement()) {
                s.execute("UPDATE unit SET name = '示范省', short_name = '示范省', kind = 'PROVINCE' WHERE id = " + rootId);
            }
        } else {
            province = add(all, null, "示范省", "PROVINCE", target);
        }
        departments(all, province, deptsProvince, "省", target);
        List<GenUnit> cityList = children(all, List.of(province), cities, "CITY", "市", target);
        for (GenUnit city : cityList) {
            departments(all, city, deptsCity, "市", target);
        }
        List<GenUnit> counties = children(all, cityList, countiesPerCity, "COUNTY", null, target);
        for (GenUnit county : counties) {
            departments(all, county, deptsCounty, county.name().endsWith("区") ? "区" : "县", target);
        }
        List<GenUnit> towns = children(all, counties, townsPerCounty, "TOWN", null, target);
        int left = Math.max(0, target - all.size());
        int perTown = towns.isEmpty() ? 0 : (int) Math.ceil((double) left / towns.size());
        children(all, towns, perTown, "VILLAGE", null, target);
        try (CopyWriter w = new CopyWriter(
                c, "unit", "id, parent_id, code, name, short_name, kind, path, depth, sort_order, created_by")) {
            for (GenUnit u : all) {
                if (rootId != null && u.id() == rootId) {
                    continue;
                }
                w.row(
                        u.id(),
                        u.parentId(),
                        "G" + u.id(),
                        u.name(),
                        u.name(),
                        u.kind(),
                        u.path(),
                        u.depth(),
                        u.id(),
                        "generator");
            }
        }
        return all;
    }

    private GenUnit add(List<GenUnit> all, GenUnit parent, String name, String kind, int target) {
        if (all.size() >= target) {
            return null;
        }
        long id = nextUnitId++;
        boolean region = !kind.equals("DEPARTMENT");
        GenUnit u = new GenUnit(
                id,
                parent == null ? null : parent.id(),
                name,
                kind,
                (parent == null ? "/" : parent.path()) + id + "/",
                // as UnitPath counts it: the root is 1
                parent == null ? 1 : parent.depth() + 1,
                region ? id : parent.region());
        all.add(u);
        return u;
    }

    private void departments(List<GenUnit> all, GenUnit parent, int n, String prefix, int target) {
        for (int i = 0; i < n; i++) {
            String name = prefix
                    + DEPARTMENTS[i % DEPARTMENTS.length]
                    + (i >= DEPARTMENTS.length ? (i / DEPARTMENTS.length + 1) : "");
            add(all, parent, name, "DEPARTMENT", target);
        }
    }

    private List<GenUnit> children(
            List<GenUnit> all, List<GenUnit> parents, int each, String kind, String suffix, int target) {
        List<GenUnit> made = new ArrayList<>();
        for (GenUnit p : parents) {
            int offset = (int) (p.id() * 7 % (PLACE_A.length * PLACE_B.length));
            for (int i = 0; i < each; i++) {
                int k = (offset + i * 37) % (PLACE_A.length * PLACE_B.length);
                String stem = PLACE_A[k / PLACE_B.length] + PLACE_B[k % PLACE_B.length];
                String end = suffix != null
                        ? suffix
                        : switch (kind) {
                            case "COUNTY" -> i % 3 == 0 ? "区" : "县";
                            case "TOWN" -> i % 4 == 0 ? "街道" : "镇";
                            default -> i % 5 == 0 ? "社区" : "村";
                        };
                GenUnit u = add(all, p, stem + end + (i >= PLACE_A.length * PLACE_B.length ? i : ""), kind, target);
                if (u == null) {
                    return made;
                }
                made.add(u);
            }
        }
        return made;
    }

    // ---- accounts ----

    /** Accounts made, and who leads and who reports for each unit. */
    static final class Accounts {
        int count;
        final Map<Long, Long> leaderOfRegion = new HashMap<>();
        final Map<Long, String> liaisonOf = new HashMap<>();
        final Map<Long, String> supervisorOfRegion = new HashMap<>();
    }

    private Accounts accounts(Connection c, List<GenUnit> units, Plan plan) throws SQLException {
        Accounts a = new Accounts();
        String hash = passwords.encode(plan.password());
        List<Object[]> rows = new ArrayList<>();
        List<Object[]> roles = new ArrayList<>();
        List<GenUnit> takers = new ArrayList<>();
        for (GenUnit u : units) {
            List<String> want = switch (u.kind()) {
                case "PROVINCE", "CITY", "COUNTY" -> List.of("LEADER", "SUPERVISOR", "UNIT_HEAD", "LIAISON");
                case "TOWN" -> List.of("LIAISON", "UNIT_HEAD");
                case "VILLAGE" -> List.of("LIAISON");
                default -> List.of("LIAISON", "UNIT_HEAD");
            };
            for (String role : want) {
                if (rows.size() >= plan.accounts()) {
                    break;
                }
                long id = nextAccountId + rows.size();
                rows.add(new Object[] {id, u.id()});
                roles.add(new Object[] {id, role});
                record(a, u, id, role);
            }
            if (!u.kind().equals("VILLAGE")) {
                takers.add(u);
            }
        }
        // the rest: more liaisons where the work is
        for (int i = 0; rows.size() < plan.accounts() && !takers.isEmpty(); i++) {
            GenUnit u = takers.get(i % takers.size());
            long id = nextAccountId + rows.size();
            rows.add(new Object[] {id, u.id()});
            roles.add(new Object[] {id, "LIAISON"});
        }
        Instant now = Instant.now();
        try (CopyWriter w = new CopyWriter(
                c,
                "account",
                "id, username, display_name, title, unit_id, password_hash, password_changed_at, must_change_password, created_by")) {
            for (Object[] r : rows) {
                long id = (long) r[0];
                w.row(id, username(id), person(), null, r[1], hash, now, false, "generator");
            }
        }
        try (CopyWriter w = new CopyWriter(c, "account_role", "account_id, role")) {
            for (Object[] r : roles) {
                w.row(r[0], r[1]);
            }
        }
        a.count = rows.size();
        return a;
    }

    /** g1, g2…: numbered from the first generated account, whatever ids came before. */
    private String username(long id) {
        return "g" + (id - nextAccountId + 1);
    }

    private void record(Accounts a, GenUnit u, long id, String role) {
        switch (role) {
            case "LEADER" -> a.leaderOfRegion.putIfAbsent(u.id(), id);
            case "SUPERVISOR" -> a.supervisorOfRegion.putIfAbsent(u.id(), username(id));
            case "LIAISON" -> a.liaisonOf.putIfAbsent(u.id(), username(id));
            default -> {
                // heads approve; nothing generated needs them by name
            }
        }
    }

    private String person() {
        return SURNAMES[random.nextInt(SURNAMES.length)] + GIVEN[random.nextInt(GIVEN.length)];
    }

    // ---- items ----

    private List<GenItem> items(Connection c, List<GenUnit> units, Accounts accounts, int target) throws SQLException {
        List<GenUnit> takers = units.stream()
                .filter(u -> List.of("CITY", "COUNTY", "TOWN", "DEPARTMENT").contains(u.kind()))
                .toList();
        Map<Long, GenUnit> byId = new HashMap<>();
        units.forEach(u -> byId.put(u.id(), u));
        Map<Long, List<GenUnit>> childrenOf = new HashMap<>();
        for (GenUnit u : takers) {
            if (u.parentId() != null) {
                childrenOf.computeIfAbsent(u.parentId(), k -> new ArrayList<>()).add(u);
            }
        }
        List<GenItem> items = new ArrayList<>(target);
        Map<Integer, Integer> codes = new HashMap<>();
        // resources close last-declared first: the items must reach the table before what refers to them
        try (CopyWriter events = new CopyWriter(c, "item_event", "item_id, at, actor, type, text");
                CopyWriter co = new CopyWriter(c, "item_co_unit", "item_id, unit_id, unit_path");
                CopyWriter w = new CopyWriter(
                        c,
                        "item",
                        "id, code, year, parent_id, kind, title, content, level, cadence, lead_unit_id, lead_unit_path, "
                                + "lead_leader_id, start_date, deadline, status, closure_rating, dispatched_at, closed_at, created_at, created_by")) {
            for (int n = 0; n < target; n++) {
                long id = n + 1;
                GenItem parent = n > 100 && random.nextInt(100) < 15 ? items.get(random.nextInt(items.size())) : null;
                GenUnit lead;
                if (parent != null && childrenOf.containsKey(parent.unitId())) {
                    List<GenUnit> kids = childrenOf.get(parent.unitId());
                    lead = kids.get(random.nextInt(kids.size()));
                } else {
                    lead = takers.get(random.nextInt(takers.size()));
                    parent = null;
                }
                LocalDate created = parent != null
                        ? parent.start().plusDays(random.nextInt(1, 20))
                        : today.minusDays(random.nextInt(730));
                if (created.isAfter(today)) {
                    created = today;
                }
                LocalDate deadline = created.plusDays(random.nextInt(60, 541));
                if (parent != null && deadline.isAfter(parent.deadline())) {
                    deadline = parent.deadline();
                }
                Cadence cadence = pick(
                        new Cadence[] {Cadence.MONTHLY, Cadence.QUARTERLY, Cadence.WEEKLY, Cadence.ONCE},
                        45,
                        10,
                        25,
                        20);
                String status = status(deadline);
                Instant createdAt =
                        created.atTime(9, 0).atZone(ZONE).toInstant().plusSeconds(random.nextInt(28_800));
                Instant dispatched =
                        status.equals("DRAFT") ? null : createdAt.plus(random.nextInt(0, 3), ChronoUnit.DAYS);
                if (dispatched != null && dispatched.isAfter(Instant.now())) {
                    dispatched = createdAt;
                }
                Instant closed = null;
                String rating = null;
                if (status.equals("CLOSED")) {
                    LocalDate last = deadline.isBefore(today) ? deadline : today;
                    long span = Math.max(1, ChronoUnit.DAYS.between(created, last));
                    LocalDate on = random.nextInt(100) < 82
                            ? created.plusDays(random.nextLong(1, span + 1))
                            : last.plusDays(random.nextInt(1, 20));
                    if (on.isAfter(today)) {
                        on = today;
                    }
                    closed = on.atTime(16, 0).atZone(ZONE).toInstant();
                    rating = pick(new String[] {"SATISFIED", "BASICALLY_SATISFIED", "UNSATISFIED"}, 70, 25, 5);
                }
                int year = created.getYear();
                int seq = codes.merge(year, 1, Integer::sum);
                String code = "DB-" + year + "-" + String.format("%06d", seq);
                GenUnit region = byId.get(lead.region());
                Long leader = accounts.leaderOfRegion.get(region.id());
                String creator = accounts.supervisorOfRegion.getOrDefault(region.id(), "generator");
                String object = OBJECTS[random.nextInt(OBJECTS.length)];
                String title = VERBS[random.nextInt(VERBS.length)] + object + "（" + lead.name() + "）";
                String kind = pick(
                        new String[] {"TARGET", "PROJECT", "LIVELIHOOD", "INSTRUCTION", "RECTIFICATION", "SUGGESTION"},
                        25,
                        25,
                        15,
                        10,
                        20,
                        5);
                w.row(
                        id,
                        code,
                        year,
                        parent == null ? null : parent.id(),
                        kind,
                        title,
                        "围绕" + object + "，明确责任分工和时间节点，按期保质完成。",
                        pick(new String[] {"NORMAL", "KEY", "LISTED"}, 75, 20, 5),
                        cadence.name(),
                        lead.id(),
                        lead.path(),
                        leader,
                        created,
                        deadline,
                        status,
                        rating,
                        dispatched,
                        closed,
                        createdAt,
                        creator);
                events.row(id, createdAt, creator, "CREATED", "立项：" + title);
                if (dispatched != null) {
                    events.row(id, dispatched, creator, "DISPATCHED", "派发至牵头单位，完成时限 " + deadline);
                    if (!status.equals("DISPATCHED") && !status.equals("CANCELLED")) {
                        events.row(
                                id,
                                dispatched.plus(1, ChronoUnit.DAYS),
                                accounts.liaisonOf.get(lead.id()),
                                "ACCEPTED",
                                "签收");
                    }
                }
                if (closed != null) {
                    events.row(
                            id,
                            closed.minus(2, ChronoUnit.DAYS),
                            accounts.liaisonOf.get(lead.id()),
                            "CLOSURE_REQUESTED",
                            "已按要求完成。");
                    events.row(id, closed, creator, "CLOSED", "同意办结销号");
                }
                if (status.equals("CANCELLED")) {
                    events.row(id, createdAt.plus(5, ChronoUnit.DAYS), creator, "CANCELLED", "任务调整，撤销");
                }
                if (random.nextInt(100) < 15 && lead.parentId() != null) {
                    List<GenUnit> peers = childrenOf.getOrDefault(lead.parentId(), List.of());
                    GenUnit helper = peers.isEmpty() ? null : peers.get(random.nextInt(peers.size()));
                    if (helper != null && helper.id() != lead.id()) {
                        co.row(id, helper.id(), helper.path());
                    }
                }
                items.add(new GenItem(
                        id,
                        lead.id(),
                        lead.path(),
                        code,
                        status,
                        cadence,
                        created,
                        deadline,
                        dispatched,
                        closed,
                        0,
                        creator));
            }
        }
        try (Statement s = c.createStatement()) {
            for (var e : codes.entrySet()) {
                s.execute("INSERT INTO item_code_counter (year, last) VALUES (" + e.getKey() + ", " + e.getValue()
                        + ") ON CONFLICT (year) DO UPDATE SET last = greatest(item_code_counter.last, EXCLUDED.last)");
            }
        }
        return items;
    }

    /** Most items before their deadline are under way; most after it are closed, some overdue. */
    private String status(LocalDate deadline) {
        int r = random.nextInt(100);
        if (r < 2) {
            return "DRAFT";
        }
        if (r < 4) {
            return "CANCELLED";
        }
        if (deadline.isBefore(today)) {
            return random.nextInt(100) < 85
                    ? "CLOSED"
                    : pick(new String[] {"IN_PROGRESS", "CLOSURE_REQUESTED"}, 80, 20);
        }
        return pick(
                new String[] {"DISPATCHED", "ACCEPTED", "IN_PROGRESS", "CLOSURE_REQUESTED", "CLOSED"},
                8,
                17,
                55,
                8,
                12);
    }

    // ---- indicators and reports ----

    private final Map<Long, long[]> indicatorIds = new HashMap<>();
    private final Map<Long, Double> indicatorTargets = new HashMap<>();

    private long indicators(Connection c, List<GenItem> items) throws SQLException {
        long id = 0;
        try (CopyWriter w = new CopyWriter(
                c, "indicator", "id, item_id, seq, name, measure, baseline, target, direction, accumulation, weight")) {
            for (GenItem i : items) {
                if (i.cadence() == Cadence.ONCE || random.nextInt(100) >= 40) {
                    continue;
                }
                int n = random.nextInt(1, 3);
                long[] ids = new long[n];
                for (int k = 0; k < n; k++) {
                    int which = random.nextInt(INDICATORS.length);
                    double target = MEASURES[which].equals("%") ? 100 : random.nextInt(10, 1000);
                    ids[k] = ++id;
                    indicatorTargets.put(id, target);
                    w.row(id, i.id(), k + 1, INDICATORS[which], MEASURES[which], 0, target, "INCREASE", "LATEST", 1);
                }
                indicatorIds.put(i.id(), ids);
            }
        }
        return id;
    }

    private long[] reports(Connection c, List<GenItem> items, int target, Accounts accounts) throws SQLException {
        // first count the periods owed, to spread the requested number of reports over them
        long owed = 0;
        for (GenItem i : items) {
            owed += periods(i).size();
        }
        double keep = owed == 0 ? 0 : Math.min(1.0, (double) target / owed);
        long made = 0;
        long values = 0;
        try (CopyWriter v = new CopyWriter(c, "indicator_value", "report_id, indicator_id, value");
                CopyWriter w = new CopyWriter(
                        c,
                        "progress_report",
                        "id, item_id, unit_id, period, period_start, period_end, due_on, status, narrative, percent_complete, "
                                + "problems, next_steps, revision, first_submitted_at, submitted_at, submitted_by, late, "
                                + "decided_at, decided_by, created_at, created_by")) {
            for (GenItem i : items) {
                List<ReportingPeriod> ps = periods(i);
                long span = Math.max(1, ChronoUnit.DAYS.between(i.start(), i.deadline()));
                for (ReportingPeriod p : ps) {
                    if (made >= target || random.nextDouble() >= keep) {
                        continue;
                    }
                    LocalDate due = dueOn(p);
                    boolean late = random.nextInt(100) < 12;
                    LocalDate sentOn = late ? due.plusDays(random.nextInt(1, 10)) : due.minusDays(random.nextInt(0, 5));
                    if (sentOn.isAfter(today)) {
                        sentOn = today;
                    }
                    Instant sent = sentOn.atTime(10, 0).atZone(ZONE).toInstant().plusSeconds(random.nextInt(25_000));
                    double share = Math.min(1.0, (double) ChronoUnit.DAYS.between(i.start(), p.end()) / span);
                    double percent = Math.max(
                            0, Math.min(100, Math.round((share * 100 + random.nextInt(-15, 10)) * 100) / 100.0));
                    boolean accepted = random.nextInt(100) < 80;
                    long id = ++made;
                    String by = accounts.liaisonOf.getOrDefault(i.unitId(), "generator");
                    w.row(
                            id,
                            i.id(),
                            i.unitId(),
                            p.key(),
                            p.start(),
                            p.end(),
                            due,
                            accepted ? "ACCEPTED" : "SUBMITTED",
                            NARRATIVES[random.nextInt(NARRATIVES.length)],
                            percent,
                            random.nextInt(100) < 20 ? PROBLEMS[random.nextInt(PROBLEMS.length)] : null,
                            STEPS[random.nextInt(STEPS.length)],
                            1,
                            sent,
                            sent,
                            by,
                            late,
                            accepted ? sent.plus(1, ChronoUnit.DAYS) : null,
                            accepted ? i.creator() : null,
                            sent,
                            by);
                    long[] ind = indicatorIds.get(i.id());
                    if (ind != null) {
                        for (long indicator : ind) {
                            v.row(id, indicator, Math.round(indicatorTargets.get(indicator) * percent) / 100.0);
                            values++;
                        }
                    }
                }
            }
        }
        return new long[] {made, values};
    }

    /** The periods an item owed reports for: from dispatch until closure, the deadline or today. */
    private List<ReportingPeriod> periods(GenItem i) {
        List<ReportingPeriod> out = new ArrayList<>();
        if (i.cadence() == Cadence.ONCE
                || i.dispatched() == null
                || i.status().equals("DISPATCHED")
                || i.status().equals("CANCELLED")
                || i.status().equals("DRAFT")) {
            return out;
        }
        LocalDate from = LocalDate.ofInstant(i.dispatched(), ZONE);
        LocalDate until = i.closed() != null ? LocalDate.ofInstant(i.closed(), ZONE) : i.deadline();
        if (until.isAfter(today)) {
            until = today;
        }
        ReportingPeriod p = ReportingPeriod.containing(from, i.cadence(), from, i.deadline());
        for (int guard = 0; guard < 200 && !p.end().isAfter(until); guard++) {
            if (!dueOn(p).isAfter(today)) {
                out.add(p);
            }
            p = p.next();
        }
        return out;
    }

    private LocalDate dueOn(ReportingPeriod p) {
        return dueCache.computeIfAbsent(p.key(), k -> reports.dueOn(p));
    }

    // ---- comments and audit ----

    private long comments(Connection c, List<GenItem> items, int target) throws SQLException {
        String[] texts = {"请抓紧推进，按时报送进展。", "已协调相关部门，下周现场办公。", "该事项列入重点督办，请主要负责同志亲自过问。", "资金已拨付到位，请加快实施。"};
        long n = 0;
        try (CopyWriter w = new CopyWriter(c, "item_event", "item_id, at, actor, type, text")) {
            for (int k = 0; k < target && !items.isEmpty(); k++) {
                GenItem i = items.get(random.nextInt(items.size()));
                if (i.dispatched() == null) {
                    continue;
                }
                long days = Math.max(1, ChronoUnit.DAYS.between(LocalDate.ofInstant(i.dispatched(), ZONE), today));
                Instant at = i.dispatched().plus(random.nextLong(0, days), ChronoUnit.DAYS);
                w.row(
                        i.id(),
                        at,
                        i.creator(),
                        random.nextInt(100) < 20 ? "INSTRUCTION" : "COMMENT",
                        texts[random.nextInt(texts.length)]);
                n++;
            }
        }
        return n;
    }

    private long audit(Connection c, List<GenItem> items) throws SQLException {
        try (CopyWriter w = new CopyWriter(
                c, "audit_event", "occurred_at, actor, address, action, outcome, target_type, target_id, summary")) {
            for (GenItem i : items) {
                w.row(
                        i.dispatched() == null ? today.atStartOfDay(ZONE).toInstant() : i.dispatched(),
                        i.creator(),
                        "generator",
                        "item.created",
                        "SUCCESS",
                        "item",
                        Long.toString(i.id()),
                        "督办事项 " + i.code() + "：立项（生成数据）");
            }
            return w.rows();
        }
    }

    private <T> T pick(T[] values, int... weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int r = random.nextInt(total);
        for (int k = 0; k < values.length; k++) {
            r -= weights[k];
            if (r < 0) {
                return values[k];
            }
        }
        return values[values.length - 1];
    }
}
