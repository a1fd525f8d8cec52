package org.luoshi.importing;

import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.luoshi.DomainException;
import org.luoshi.Unnest;
import org.luoshi.item.Cadence;
import org.luoshi.item.ItemData;
import org.luoshi.item.ItemKind;
import org.luoshi.item.ItemLevel;
import org.luoshi.item.ItemService;
import org.luoshi.item.ItemStatus;
import org.luoshi.item.NewItem;
import org.luoshi.org.Unit;
import org.luoshi.org.UnitQuery;
import org.luoshi.security.AccountQuery;
import org.luoshi.security.CurrentUser;
import org.luoshi.security.DataScopes;
import org.luoshi.security.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * 台账导入: reads a ledger sheet, finds its header among the names offices use, checks every row
 * (units and leaders by name within the supervisor's jurisdiction, dates as people write them,
 * targets with their measure) and reports every bad cell before writing anything; then writes all
 * rows in one transaction as draft items, or updates the drafts an earlier import of the same rows
 * made.
 */
@Service
public class LedgerImporter {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(LedgerImporter.class);

    private static final Pattern HEADING = Pattern.compile("^[一二三四五六七八九十]+[、.．].*|^[（(][一二三四五六七八九十]+[)）].*");
    private static final Pattern TARGET = Pattern.compile("^(.*?)([-+]?\\d+(?:\\.\\d+)?)\\s*(.*)$");
    private static final int HEADER_SEARCH = 15;

    private final ItemService items;
    private final UnitQuery units;
    private final AccountQuery accounts;
    private final DataScopes scopes;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final NameMappings mappings;

    LedgerImporter(
            ItemService items,
            UnitQuery units,
            AccountQuery accounts,
            DataScopes scopes,
            JdbcClient jdbc,
            TransactionTemplate tx,
            Clock clock,
            NameMappings mappings) {
        this.mappings = mappings;
        this.items = items;
        this.units = units;
        this.accounts = accounts;
        this.scopes = scopes;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    /** A checked row, ready to become an item. */
    record Planned(SheetRow row, String key, NewItem item, Map<String, Object> fields) {}

    /** A ledger of tasks, or an inspection's feedback: a list of problems to rectify. */
    public enum Mode {
        LEDGER(Column.TITLE, "ledger:", "“任务/工作任务”和“牵头单位/责任单位”"),
        PROBLEMS(Column.PROBLEM, "problems:", "“问题描述/反馈问题”和“责任单位”");

        private final Column title;
        private final String keyPrefix;
        private final String needs;

        Mode(Column title, String keyPrefix, String needs) {
            this.title = title;
            this.keyPrefix = keyPrefix;
            this.needs = needs;
        }
    }

    /** Told how many rows will be written, then of each one written, for a progress bar. */
    public interface Progress {
        Progress NONE = new Progress() {};

        default void total(int rows) {}

        default void written(int rows) {}
    }

    public ImportResult importLedger(CurrentUser user, InputStream xlsx, boolean dryRun) {
        return run(user, xlsx, dryRun, Mode.LEDGER, Progress.NONE);
    }

    /** 督导组反馈问题清单: hundreds of problems in one sheet become rectification items in one go. */
    public ImportResult importProblems(CurrentUser user, InputStream xlsx, boolean dryRun) {
        return run(user, xlsx, dryRun, Mode.PROBLEMS, Progress.NONE);
    }

    public ImportResult run(CurrentUser user, InputStream xlsx, boolean dryRun, Mode mode, Progress progress) {
        if (!user.has(Role.SUPERVISOR)) {
            throw DomainException.forbidden("import.notAllowed", "只有督查员可以导入台账");
        }
        long t0 = System.nanoTime();
        List<SheetRow> rows = SheetReader.read(xlsx, false);
        long t1 = System.nanoTime();
        List<RowError> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        if (dryRun) {
            List<Planned> planned = new ArrayList<>();
            plan(user, rows, errors, mode, planned::add);
            if (!errors.isEmpty()) {
                return new ImportResult(0, 0, 0, true, errors);
            }
            int existing = existingItems(planned).size();
            return new ImportResult(planned.size() - existing, existing, 0, true, List.of());
        }
        progress.total((int) Math.max(0, rows.stream().filter(r -> !r.blank()).count() - 1));
        // rows are checked on one thread while the checked ones are written on this one: the write
        // waits on the database, the check on the processor, and neither waits for the other to end
        Checking checking = new Checking(errors);
        Thread.ofPlatform()
                .name("import-check")
                .daemon()
                .start(new org.springframework.security.concurrent.DelegatingSecurityContextRunnable(
                        () -> checking.run(() -> plan(user, rows, errors, mode, checking::add))));
        int[] counts = new int[3];
        try {
            tx.executeWithoutResult(status -> {
                for (List<Planned> chunk = checking.next(); chunk != null; chunk = checking.next()) {
                    if (!errors.isEmpty()) {
                        continue; // a bad row: the rest is only checked, so that every error is named
                    }
                    try {
                        write(user, chunk, counts);
                    } catch (RowRefused e) {
                        checking.drain();
                        throw e;
                    }
                    progress.written(counts[0] + counts[1] + counts[2]);
                }
                if (!errors.isEmpty()) {
                    status.setRollbackOnly();
                }
            });
        } catch (RowRefused e) {
            if (errors.isEmpty()) {
                throw e;
            }
            // the bad cells of later rows come first, as they did when every row was checked before writing
        }
        if (!errors.isEmpty()) {
            return new ImportResult(0, 0, 0, false, List.copyOf(errors));
        }
        log.info(
                "导入 {} 行：读表 {} ms，核对 {} ms（与写入同时），至写完 {} ms",
                counts[0] + counts[1] + counts[2],
                (t1 - t0) / 1_000_000,
                checking.millis,
                (System.nanoTime() - t1) / 1_000_000);
        return new ImportResult(counts[0], counts[1], counts[2], false, List.of());
    }

    /** Checked rows handed from the checking thread to the writing one, a batch at a time. */
    private static final class Checking {
        private static final List<Planned> END = List.of();
        private final java.util.concurrent.BlockingQueue<List<Planned>> ready =
                new java.util.concurrent.LinkedBlockingQueue<>();
        private final List<RowError> errors;
        private List<Planned> filling = new ArrayList<>();
        private volatile RuntimeException failure;
        private volatile long millis;

        Checking(List<RowError> errors) {
            this.errors = errors;
        }

        void run(Runnable check) {
            long t0 = System.nanoTime();
            try {
                check.run();
                ready.add(filling);
            } catch (RuntimeException e) {
                failure = e;
            } finally {
                millis = (System.nanoTime() - t0) / 1_000_000;
                ready.add(END);
            }
        }

        void add(Planned p) {
            filling.add(p);
            if (filling.size() == BATCH && errors.isEmpty()) {
                ready.add(filling);
                filling = new ArrayList<>();
            }
        }

        /** Waits for the check to end, its batches unwritten. */
        void drain() {
            while (true) {
                try {
                    if (ready.take() == END) {
                        return;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        /** The next batch, or null once every row is checked; a check that failed fails here. */
        List<Planned> next() {
            List<Planned> chunk;
            try {
                chunk = ready.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("导入被中断", e);
            }
            if (chunk == END) {
                if (failure != null) {
                    throw failure;
                }
                return null;
            }
            return chunk;
        }
    }

    /** One batch of checked rows: new ones registered together, earlier ones brought up to date. */
    private void write(CurrentUser user, List<Planned> chunk, int[] counts) {
        Map<String, Long> known = existingItems(chunk);
        List<Planned> fresh =
                chunk.stream().filter(p -> !known.containsKey(p.key())).toList();
        if (!fresh.isEmpty()) {
            List<ItemData> created;
            try {
                created = items.createAll(
                        user,
                        fresh.stream().map(Planned::item).toList(),
                        fresh.stream().map(Planned::fields).toList());
            } catch (ItemService.Refused r) {
                throw refused(fresh.get(r.index()), r.error());
            }
            Unnest keys = new Unnest("k text", "i bigint", "h text");
            for (int i = 0; i < fresh.size(); i++) {
                keys.add(fresh.get(i).key(), created.get(i).id(), hash(fresh.get(i)));
            }
            keys.update(jdbc, "INSERT INTO import_key (key, item_id, row_hash) SELECT k, i, h FROM {rows}");
            counts[0] += fresh.size();
        }
        for (Planned p : chunk) {
            if (known.containsKey(p.key())) {
                try {
                    counts[write(user, p, known.get(p.key()))]++;
                } catch (DomainException e) {
                    throw refused(p, e);
                }
            }
        }
    }

    /** Thrown inside the import's transaction so that it rolls back; carries the row's error. */
    public static final class RowRefused extends RuntimeException {
        private final RowError error;

        RowRefused(RowError error) {
            super(error.reason());
            this.error = error;
        }

        public RowError error() {
            return error;
        }
    }

    private static final int BATCH = 1000;

    /**
     * A rule only the item itself knows (e.g. its deadline against its parent's): name the row;
     * thrown inside the transaction, it writes nothing.
     */
    private RowRefused refused(Planned p, DomainException e) {
        return new RowRefused(new RowError(p.row().sheet(), p.row().number(), fieldHeader(e.field()), e.getMessage()));
    }

    /** The items earlier imports made of these rows, by key, in one query. */
    private Map<String, Long> existingItems(List<Planned> planned) {
        Map<String, Long> known = new HashMap<>();
        jdbc.sql("SELECT key, item_id FROM import_key WHERE key = ANY(:keys)")
                .param("keys", planned.stream().map(Planned::key).toArray(String[]::new))
                .query(rs -> {
                    known.put(rs.getString(1), rs.getLong(2));
                });
        return known;
    }

    /** A row an earlier import made into {@code existing}: 1 updated, 2 left as it was (unchanged or dispatched). */
    private int write(CurrentUser user, Planned p, long existing) {
        String hash = hash(p);
        String before = jdbc.sql("SELECT row_hash FROM import_key WHERE key = :k")
                .param("k", p.key())
                .query(String.class)
                .optional()
                .orElse(null);
        if (hash.equals(before)) {
            return 2; // the row reads as last time: nothing to do
        }
        ItemData current = items.get(user, existing);
        if (current.status() != ItemStatus.DRAFT) {
            return 2; // what has been dispatched is the units' now; a sheet does not overwrite it
        }
        items.edit(user, existing, current.version(), p.item(), p.fields());
        jdbc.sql("UPDATE import_key SET updated_at = now(), row_hash = :h WHERE key = :k")
                .param("h", hash)
                .param("k", p.key())
                .update();
        return 1;
    }

    /** What the row says, as a digest: the item's fields and the indicators that go with it. */
    private static String hash(Planned p) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                    .digest((p.item().toString() + "|" + p.fields()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Checks every row, naming each bad cell in {@code errors}, and hands each good one to {@code sink}. */
    private void plan(
            CurrentUser user,
            List<SheetRow> rows,
            List<RowError> errors,
            Mode mode,
            java.util.function.Consumer<Planned> sink) {
        int headerAt = -1;
        Map<Column, Integer> columns = new EnumMap<>(Column.class);
        Map<Integer, String> headers = new HashMap<>();
        for (int i = 0; i < Math.min(HEADER_SEARCH, rows.size()); i++) {
            Map<Column, Integer> found = new EnumMap<>(Column.class);
            Map<Integer, String> names = new HashMap<>();
            List<String> cells = rows.get(i).cells();
            for (int c = 0; c < cells.size(); c++) {
                Column col = Column.of(cells.get(c));
                if (col != null && !found.containsKey(col)) {
                    found.put(col, c);
                    names.put(c, cells.get(c).strip());
                }
            }
            if (found.containsKey(mode.title) && found.containsKey(Column.LEAD_UNIT)) {
                headerAt = i;
                columns = found;
                headers = names;
                break;
            }
        }
        String sheet = rows.isEmpty() ? "" : rows.getFirst().sheet();
        if (headerAt < 0) {
            errors.add(new RowError(sheet, 0, "", "未找到表头：前" + HEADER_SEARCH + "行中须有" + mode.needs + "等列名"));
            return;
        }
        NameMatcher unitNames = new NameMatcher();
        Map<Long, Unit> unitsById = new HashMap<>();
        for (Unit u : units.search("", scopes.of(user), 50_000)) {
            unitNames.add(u.id(), u.name(), u.shortName());
            unitsById.put(u.id(), u);
        }
        NameMatcher leaders = new NameMatcher();
        Map<Long, String> leaderNames = accounts.namesWithRole(Role.LEADER);
        leaderNames.forEach((id, name) -> leaders.add(id, name));
        // names this unit's supervisors mapped by hand, as long as what they name is still there
        mappings.of(user, NameMappings.Kind.UNIT).forEach((name, id) -> {
            if (unitsById.containsKey(id)) {
                unitNames.alias(name, id);
            }
        });
        mappings.of(user, NameMappings.Kind.LEADER).forEach((name, id) -> {
            if (leaderNames.containsKey(id)) {
                leaders.alias(name, id);
            }
        });
        int year = LocalDate.now(clock).getYear();
        LocalDate today = LocalDate.now(clock);
        int planned = 0;
        Map<String, Integer> seenKeys = new HashMap<>();
        for (SheetRow row : rows.subList(headerAt + 1, rows.size())) {
            if (row.blank()) {
                continue;
            }
            Cells c = new Cells(row, columns, headers, errors);
            String problem = c.get(mode.title);
            String title = mode == Mode.PROBLEMS && problem.length() > 60 ? problem.substring(0, 60) + "…" : problem;
            String unitText = c.get(Column.LEAD_UNIT);
            if (unitText.isEmpty() && (title.isEmpty() || HEADING.matcher(title).matches())) {
                continue; // a group heading ("一、稳增长") or a note line, not a task
            }
            if (title.isEmpty()) {
                c.error(mode.title, mode == Mode.PROBLEMS ? "问题描述为空" : "事项名称为空");
            } else if (title.length() > 200) {
                c.error(mode.title, "事项名称超过200个字（现有" + title.length() + "个字）");
            }
            List<Long> unitIds = new ArrayList<>();
            if (unitText.isEmpty()) {
                c.error(Column.LEAD_UNIT, "牵头单位为空");
            }
            for (String name : split(unitText)) {
                Long id = unitNames.find(name);
                if (id == null) {
                    c.error(
                            Column.LEAD_UNIT,
                            unitNames.ambiguous(name)
                                    ? "单位名称“" + name + "”对应多个单位，请写全称"
                                    : "未找到单位“" + name + "”（不存在或不在您的督查辖区内；若是别称，可在“名称对照”中指定它对应的单位）",
                            unitNames.ambiguous(name) ? null : new RowError.Unmatched(NameMappings.Kind.UNIT, name));
                } else if (!unitIds.contains(id)) {
                    unitIds.add(id);
                }
            }
            for (String name : split(c.get(Column.CO_UNITS))) {
                Long id = unitNames.find(name);
                if (id == null) {
                    c.error(
                            Column.CO_UNITS,
                            unitNames.ambiguous(name) ? "单位名称“" + name + "”对应多个单位，请写全称" : "未找到配合单位“" + name + "”",
                            unitNames.ambiguous(name) ? null : new RowError.Unmatched(NameMappings.Kind.UNIT, name));
                } else if (!unitIds.contains(id)) {
                    unitIds.add(id);
                }
            }
            Long leader = null;
            String leaderText = c.get(Column.LEADER);
            if (!leaderText.isEmpty()) {
                leader = leaders.find(split(leaderText).getFirst());
                if (leader == null) {
                    c.error(
                            Column.LEADER,
                            "未找到牵头领导“" + leaderText + "”",
                            new RowError.Unmatched(
                                    NameMappings.Kind.LEADER, split(leaderText).getFirst()));
                }
            }
            String deadlineText = c.get(Column.DEADLINE);
            LocalDate deadline = Dates.parse(deadlineText, year);
            if (deadlineText.isEmpty()) {
                c.error(Column.DEADLINE, "完成时限为空");
            } else if (deadline == null) {
                c.error(Column.DEADLINE, "无法识别的日期“" + deadlineText + "”（可写 2026-06-30、2026年6月30日、6月底前、年底前）");
            } else if (deadline.isBefore(today)) {
                c.error(Column.DEADLINE, "完成时限 " + deadline + " 已过");
            }
            ItemKind kind = mode == Mode.PROBLEMS ? ItemKind.RECTIFICATION : ItemKind.TARGET;
            String kindText = c.get(Column.KIND);
            if (!kindText.isEmpty()) {
                kind = Arrays.stream(ItemKind.values())
                        .filter(k -> k.label().equals(kindText))
                        .findFirst()
                        .orElse(null);
                if (kind == null) {
                    c.error(Column.KIND, "未知的类别“" + kindText + "”，可选：目标任务、重点项目、民生实事、批示件、问题整改、群众诉求");
                }
            }
            ItemLevel level = ItemLevel.NORMAL;
            String levelText = c.get(Column.LEVEL);
            if (!levelText.isEmpty()) {
                level = Arrays.stream(ItemLevel.values())
                        .filter(l -> l.label().equals(levelText))
                        .findFirst()
                        .orElse(null);
                if (level == null) {
                    c.error(Column.LEVEL, "未知的督办等级“" + levelText + "”，可选：一般、重点、挂牌督办");
                }
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            String targetText = c.get(Column.TARGET);
            if (!targetText.isEmpty()) {
                Matcher m = TARGET.matcher(Column.normalize(targetText));
                if (!m.matches()) {
                    c.error(Column.TARGET, "目标值“" + targetText + "”中没有数字");
                } else {
                    String name = TRAILING_COLON.matcher(m.group(1)).replaceAll("");
                    String measure = m.group(3).isBlank() ? "项" : m.group(3);
                    fields.put(
                            "indicators",
                            List.of(Map.of(
                                    "name",
                                    name.isBlank() ? "目标值" : name,
                                    "measure",
                                    measure.length() > 16 ? measure.substring(0, 16) : measure,
                                    "target",
                                    new BigDecimal(m.group(2)),
                                    "direction",
                                    "INCREASE")));
                }
            }
            String key = mode.keyPrefix
                    + (c.get(Column.KEY).isEmpty()
                            ? NameMatcher.key(problem) + "|" + (unitIds.isEmpty() ? "" : unitIds.getFirst())
                            : NameMatcher.key(c.get(Column.KEY)));
            Integer twin = seenKeys.put(key, row.number());
            if (twin != null) {
                c.error(c.get(Column.KEY).isEmpty() ? mode.title : Column.KEY, "与第" + twin + "行重复（同一事项、同一牵头单位）");
            }
            if (c.failed()) {
                continue;
            }
            String content = mode == Mode.PROBLEMS
                    ? problem + (c.get(Column.MEASURES).isEmpty() ? "" : "\n整改措施：" + c.get(Column.MEASURES))
                    : c.get(Column.CONTENT);
            String category = c.get(Column.CATEGORY);
            List<String> tags = mode == Mode.PROBLEMS && !category.isEmpty()
                    ? List.of(category.length() > 20 ? category.substring(0, 20) : category)
                    : List.of();
            planned++;
            sink.accept(new Planned(
                    row,
                    key,
                    new NewItem(
                            title,
                            content.isEmpty() ? title : content,
                            kind,
                            level,
                            Cadence.MONTHLY,
                            unitIds.getFirst(),
                            leader,
                            null,
                            deadline,
                            null,
                            null,
                            unitIds.subList(1, unitIds.size()),
                            tags,
                            List.of(),
                            List.of()),
                    fields));
        }
        if (planned == 0 && errors.isEmpty()) {
            errors.add(new RowError(sheet, headerAt + 1, "", "表头下没有可导入的事项"));
        }
    }

    private static String fieldHeader(String field) {
        return field == null ? "" : field;
    }

    private static final Pattern SEPARATORS = Pattern.compile("[、,，;；/\\n]+");
    private static final Pattern TRAILING_COLON = Pattern.compile("[:：]$");

    static List<String> split(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(SEPARATORS.split(text))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /** One row's cells by column, and its errors named by the column's own header. */
    private static final class Cells {
        private final SheetRow row;
        private final Map<Column, Integer> columns;
        private final Map<Integer, String> headers;
        private final List<RowError> errors;
        private boolean failed;

        Cells(SheetRow row, Map<Column, Integer> columns, Map<Integer, String> headers, List<RowError> errors) {
            this.row = row;
            this.columns = columns;
            this.headers = headers;
            this.errors = errors;
        }

        String get(Column c) {
            Integer i = columns.get(c);
            return i == null ? "" : row.cell(i);
        }

        void error(Column c, String reason) {
            error(c, reason, null);
        }

        void error(Column c, String reason, RowError.Unmatched unmatched) {
            Integer i = columns.get(c);
            errors.add(new RowError(row.sheet(), row.number(), i == null ? "" : headers.get(i), reason, unmatched));
            failed = true;
        }

        boolean failed() {
            return failed;
        }
    }
}
