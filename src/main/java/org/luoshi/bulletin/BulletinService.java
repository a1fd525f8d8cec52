package org.luoshi.bulletin;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.luoshi.DomainException;
import org.luoshi.document.Gbt9704;
import org.luoshi.document.OfficialText.Block;
import org.luoshi.org.Unit;
import org.luoshi.org.UnitPath;
import org.luoshi.org.UnitQuery;
import org.luoshi.org.UnitScope;
import org.luoshi.security.Account;
import org.luoshi.security.AccountQuery;
import org.luoshi.security.CurrentUser;
import org.luoshi.security.DataScopes;
import org.luoshi.security.Role;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Drafts, edits and publishes bulletins. A supervisor manages those of his jurisdiction; a published
 * one is read by everyone whose unit lies within its jurisdiction, and the database refuses to
 * change it.
 */
@Service
public class BulletinService {

    static final int MAX_BLOCK = 5000;
    static final int MAX_BLOCKS = 400;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SYSTEM = "system";

    private final JdbcClient jdbc;
    private final BulletinComposer composer;
    private final UnitQuery units;
    private final DataScopes scopes;
    private final AccountQuery accounts;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final List<PeriodKind> automatic;

    BulletinService(
            JdbcClient jdbc,
            BulletinComposer composer,
            UnitQuery units,
            DataScopes scopes,
            AccountQuery accounts,
            ApplicationEventPublisher events,
            Clock clock,
            @Value("${luoshi.bulletins.automatic:MONTH,QUARTER}") List<PeriodKind> automatic) {
        this.jdbc = jdbc;
        this.composer = composer;
        this.units = units;
        this.scopes = scopes;
        this.accounts = accounts;
        this.events = events;
        this.clock = clock;
        this.automatic = List.copyOf(automatic);
    }

    /**
     * 起草: the bulletin of the unit for the period holding {@code day}. An existing draft is
     * returned as it is, or counted afresh (its edits given up) when {@code fresh}.
     */
    @Transactional
    public Bulletin draft(CurrentUser user, long unitId, PeriodKind kind, LocalDate day, boolean fresh) {
        requireSupervisor(user);
        Unit unit = units.find(unitId, scopes.of(user))
                .orElseThrow(() -> DomainException.notFound("unit.notFound", "单位不存在或不在您的督查辖区内"));
        if (kind == null || day == null) {
            throw DomainException.invalid("bulletin.period", "kind", "请选择通报的类型（周报、月报、季报）和所属日期");
        }
        PeriodKind.Span span = kind.containing(day);
        if (span.from().isAfter(LocalDate.now(clock))) {
            throw DomainException.invalid("bulletin.future", "day", "{0}尚未开始，不能起草通报", kind.describe(span.from()));
        }
        Optional<Bulletin> existing = find(unit.id(), kind, span.from());
        if (existing.isPresent()) {
            Bulletin b = existing.get();
            if (b.published()) {
                throw DomainException.conflict("bulletin.published", "{0}的通报已发布，不能重新起草", b.period());
            }
            if (!fresh) {
                return b;
            }
            return redraft(user, b);
        }
        String issuer = units.get(user.unitId(), UnitScope.all()).name();
        return insert(unit, kind, span, issuer, user.username());
    }

    /**
     * The scheduled drafting: for each jurisdiction that has a supervisor, the bulletins of the
     * periods last ended before {@code today} that nobody has drafted yet.
     */
    @Transactional
    public int draftDue(LocalDate today) {
        int made = 0;
        for (Map.Entry<Unit, String> j : jurisdictions().entrySet()) {
            for (PeriodKind kind : automatic) {
                PeriodKind.Span span = kind.lastEndedBefore(today);
                if (find(j.getKey().id(), kind, span.from()).isEmpty()) {
                    insert(j.getKey(), kind, span, j.getValue(), SYSTEM);
                    made++;
                }
            }
        }
        return made;
    }

    /** 修改: the title and the words of a draft, refused if someone changed it meanwhile. */
    @Transactional
    public Bulletin edit(CurrentUser user, long id, int version, String title, List<Block> blocks) {
        Bulletin b = managed(user, id);
        requireDraft(b);
        String t = title == null ? "" : title.strip();
        if (t.isEmpty() || t.length() > 200) {
            throw DomainException.invalid("bulletin.title", "title", "请填写标题（不超过200字）");
        }
        if (blocks == null || blocks.isEmpty() || blocks.size() > MAX_BLOCKS) {
            throw DomainException.invalid("bulletin.blocks", "blocks", "通报正文不能为空");
        }
        List<Block> clean = new ArrayList<>();
        for (Block block : blocks) {
            String text = block.text() == null ? "" : block.text().strip();
            if (text.length() > MAX_BLOCK) {
                throw DomainException.invalid("bulletin.block.long", "blocks", "一段不能超过{0,number,#}字", MAX_BLOCK);
            }
            if (!text.isEmpty()) {
                clean.add(new Block(Math.clamp(block.level(), 0, 4), text));
            }
        }
        int n = jdbc.sql("""
                        UPDATE bulletin SET title = :title, blocks = CAST(:blocks AS jsonb), body_text = :body, edited = true,
                                            version = version + 1
                         WHERE id = :id AND version = :version AND status = 'DRAFT'
                        """)
                .param("title", t)
                .param("blocks", JSON.writeValueAsString(clean))
                .param("body", text(clean))
                .param("id", id)
                .param("version", version)
                .update();
        if (n == 0) {
            throw stale();
        }
        events.publishEvent(new BulletinEvent(id, "edited", "修改「" + t + "」", user.username()));
        return get(user, id);
    }

    /** 发布: numbered within the unit's year, then final. */
    @Transactional
    public Bulletin publish(CurrentUser user, long id, int version) {
        Bulletin b = managed(user, id);
        requireDraft(b);
        jdbc.sql("SELECT pg_advisory_xact_lock(:key)")
                .param("key", 7_000_000_000L + b.unitId())
                .query()
                .listOfRows();
        int year = LocalDate.now(clock).getYear();
        long count = jdbc.sql("""
                        SELECT count(*) FROM bulletin WHERE unit_id = :u AND status = 'PUBLISHED'
                           AND published_at >= make_date(:y, 1, 1) AND published_at < make_date(:y + 1, 1, 1)
                        """)
                .param("u", b.unitId())
                .param("y", year)
                .query(Long.class)
                .single();
        String number = year + "年第" + (count + 1) + "期";
        int n = jdbc.sql("""
                        UPDATE bulletin SET status = 'PUBLISHED', number = :number, published_at = now(), published_by = :by,
                                            version = version + 1
                         WHERE id = :id AND version = :version AND status = 'DRAFT'
                        """)
                .param("number", number)
                .param("by", user.username())
                .param("id", id)
                .param("version", version)
                .update();
        if (n == 0) {
            throw stale();
        }
        events.publishEvent(
                new BulletinEvent(id, "published", "发布「" + b.title() + "」（" + number + "）", user.username()));
        return get(user, id);
    }

    /** 删除草稿: a published bulletin stays. */
    @Transactional
    public void discard(CurrentUser user, long id, int version) {
        Bulletin b = managed(user, id);
        requireDraft(b);
        int n = jdbc.sql("DELETE FROM bulletin WHERE id = :id AND version = :version AND status = 'DRAFT'")
                .param("id", id)
                .param("version", version)
                .update();
        if (n == 0) {
            throw stale();
        }
        events.publishEvent(new BulletinEvent(id, "discarded", "删除草稿「" + b.title() + "」", user.username()));
    }

    /** What the person may read, newest period first: drafts only for their supervisors. */
    @Transactional(readOnly = true)
    public List<Bulletin> list(CurrentUser user, int limit) {
        Visibility v = visibility(user);
        return jdbc.sql("SELECT " + COLUMNS + " FROM bulletin b WHERE " + v.sql()
                        + " ORDER BY b.period_start DESC, b.period_kind, b.id DESC LIMIT :limit")
                .params(v.params())
                .param("limit", limit)
                .query(BulletinService::map)
                .list();
    }

    /** One bulletin, or 404 alike for one that does not exist and one the person may not read. */
    @Transactional(readOnly = true)
    public Bulletin get(CurrentUser user, long id) {
        Visibility v = visibility(user);
        return jdbc.sql("SELECT " + COLUMNS + " FROM bulletin b WHERE b.id = :id AND " + v.sql())
                .params(v.params())
                .param("id", id)
                .query(BulletinService::map)
                .optional()
                .orElseThrow(BulletinService::notFound);
    }

    public boolean manages(CurrentUser user, Bulletin b) {
        return user.has(Role.SUPERVISOR) && scopes.of(user).covers(new UnitPath(b.unitPath()));
    }

    /** The bulletin as a .docx in the official layout. */
    @Transactional(readOnly = true)
    public byte[] document(CurrentUser user, long id) {
        return Gbt9704.render(get(user, id).official(LocalDate.now(clock)));
    }

    record Visibility(String sql, Map<String, Object> params) {}

    /** Which bulletins the person may read, as a condition on a bulletin aliased {@code b}. */
    Visibility visibility(CurrentUser user) {
        Map<String, Object> params = new HashMap<>();
        Unit own = units.find(user.unitId(), UnitScope.all()).orElse(null);
        if (own == null || user.isAdministrator()) {
            return new Visibility("FALSE", params);
        }
        params.put("own", own.path().value());
        String reader = "(b.status = 'PUBLISHED' AND left(:own, length(b.unit_path)) = b.unit_path)";
        if (!user.has(Role.SUPERVISOR)) {
            return new Visibility(reader, params);
        }
        UnitScope scope = scopes.of(user);
        params.putAll(scope.sqlParams("bs"));
        return new Visibility("(" + reader + " OR " + scope.sqlOn("b.unit_path", "bs") + ")", params);
    }

    private Bulletin managed(CurrentUser user, long id) {
        Bulletin b = get(user, id);
        if (!manages(user, b)) {
            throw DomainException.forbidden("bulletin.manage", "只有本辖区的督查员可以修改、发布通报");
        }
        return b;
    }

    private static void requireDraft(Bulletin b) {
        if (b.published()) {
            throw DomainException.conflict("bulletin.final", "通报已发布，不能再修改或删除");
        }
    }

    private static void requireSupervisor(CurrentUser user) {
        if (!user.has(Role.SUPERVISOR)) {
            throw DomainException.forbidden("bulletin.supervisorsOnly", "通报由督查员起草");
        }
    }

    private Bulletin insert(Unit unit, PeriodKind kind, PeriodKind.Span span, String issuer, String by) {
        BulletinFigures figures = composer.figures(unit, span, LocalDate.now(clock));
        List<Block> blocks = composer.blocks(kind, figures);
        String title = title(unit, kind, span);
        long id = jdbc.sql("""
                        INSERT INTO bulletin (unit_id, unit_path, period_kind, period_start, period_end, title, issuer,
                                              figures, blocks, body_text, drafted_by)
                        VALUES (:unit, :path, :kind, :from, :to, :title, :issuer, CAST(:figures AS jsonb),
                                CAST(:blocks AS jsonb), :body, :by)
                        ON CONFLICT (unit_id, period_kind, period_start) DO NOTHING
                        RETURNING id
                        """)
                .param("unit", unit.id())
                .param("path", unit.path().value())
                .param("kind", kind.name())
                .param("from", span.from())
                .param("to", span.to())
                .param("title", title)
                .param("issuer", issuer)
                .param("figures", JSON.writeValueAsString(figures))
                .param("blocks", JSON.writeValueAsString(blocks))
                .param("body", text(blocks))
                .param("by", by)
                .query(Long.class)
                .optional()
                .orElseThrow(() -> DomainException.conflict("bulletin.exists", "这一期通报刚被他人起草，请刷新"));
        events.publishEvent(new BulletinEvent(id, "drafted", "起草「" + title + "」", by));
        return find(id).orElseThrow();
    }

    private Bulletin redraft(CurrentUser user, Bulletin b) {
        Unit unit = units.get(b.unitId(), UnitScope.all());
        BulletinFigures figures =
                composer.figures(unit, b.periodKind().containing(b.periodStart()), LocalDate.now(clock));
        List<Block> blocks = composer.blocks(b.periodKind(), figures);
        int n = jdbc.sql("""
                        UPDATE bulletin SET figures = CAST(:figures AS jsonb), blocks = CAST(:blocks AS jsonb), body_text = :body,
                                            edited = false, drafted_at = now(), drafted_by = :by, version = version + 1
                         WHERE id = :id AND status = 'DRAFT'
                        """)
                .param("figures", JSON.writeValueAsString(figures))
                .param("blocks", JSON.writeValueAsString(blocks))
                .param("body", text(blocks))
                .param("by", user.username())
                .param("id", b.id())
                .update();
        if (n == 0) {
            throw stale();
        }
        events.publishEvent(new BulletinEvent(b.id(), "drafted", "按最新台账重新起草「" + b.title() + "」", user.username()));
        return find(b.id()).orElseThrow();
    }

    static String title(Unit unit, PeriodKind kind, PeriodKind.Span span) {
        return unit.name() + "关于" + kind.describe(span.from()).replaceAll("（.*）", "") + "督查督办工作情况的通报";
    }

    /** Every jurisdiction that has a supervisor, with the unit that issues its bulletins. */
    private Map<Unit, String> jurisdictions() {
        Map<Long, Unit> byId = new LinkedHashMap<>();
        Map<Unit, String> issuers = new LinkedHashMap<>();
        for (int page = 1; ; page++) {
            AccountQuery.Page p = accounts.search("", null, Role.SUPERVISOR, page);
            for (Account a : p.accounts()) {
                if (!a.enabled()) {
                    continue;
                }
                Unit own = units.get(a.unitId(), UnitScope.all());
                Unit j = units.jurisdictionOf(own);
                if (!byId.containsKey(j.id())) {
                    byId.put(j.id(), j);
                    issuers.put(j, own.name());
                }
            }
            if (!p.hasNext()) {
                return issuers;
            }
        }
    }

    private Optional<Bulletin> find(long unitId, PeriodKind kind, LocalDate from) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM bulletin b WHERE b.unit_id = :u AND b.period_kind = :k AND b.period_start = :f")
                .param("u", unitId)
                .param("k", kind.name())
                .param("f", from)
                .query(BulletinService::map)
                .optional();
    }

    private Optional<Bulletin> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM bulletin b WHERE b.id = :id")
                .param("id", id)
                .query(BulletinService::map)
                .optional();
    }

    private static String text(List<Block> blocks) {
        return String.join("\n", blocks.stream().map(Block::text).toList());
    }

    private static DomainException stale() {
        return DomainException.conflict("bulletin.stale", "这份通报已被他人修改或发布，请刷新后再试");
    }

    private static DomainException notFound() {
        return DomainException.notFound("bulletin.unknown", "通报不存在");
    }

    static final String COLUMNS =
            "b.id, b.unit_id, b.unit_path, b.period_kind, b.period_start, b.period_end, b.number, "
                    + "b.title, b.issuer, b.figures, b.blocks, b.edited, b.status, b.drafted_at, b.drafted_by, b.published_at, "
                    + "b.published_by, b.version";

    static Bulletin map(ResultSet rs, int row) throws SQLException {
        var published = rs.getTimestamp("published_at");
        return new Bulletin(
                rs.getLong("id"),
                rs.getLong("unit_id"),
                rs.getString("unit_path"),
                PeriodKind.valueOf(rs.getString("period_kind")),
                rs.getObject("period_start", LocalDate.class),
                rs.getObject("period_end", LocalDate.class),
                rs.getString("number"),
                rs.getString("title"),
                rs.getString("issuer"),
                JSON.readValue(rs.getString("figures"), BulletinFigures.class),
                JSON.readValue(rs.getString("blocks"), new TypeReference<List<Block>>() {}),
                rs.getBoolean("edited"),
                rs.getString("status").equals("PUBLISHED"),
                rs.getTimestamp("drafted_at").toInstant(),
                rs.getString("drafted_by"),
                published == null ? null : published.toInstant(),
                rs.getString("published_by"),
                rs.getInt("version"));
    }
}
