package org.luoshi.assessment;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.luoshi.DomainException;
import org.luoshi.org.Unit;
import org.luoshi.org.UnitPath;
import org.luoshi.org.UnitQuery;
import org.luoshi.org.UnitScope;
import org.luoshi.security.CurrentUser;
import org.luoshi.security.DataScopes;
import org.luoshi.security.Role;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs assessment schemes: a supervisor sets one up for his jurisdiction's units, adds bonus and
 * deduction lines, publicises the scores (each unit reads its own derivation and may appeal a line
 * until the appeal date), answers the appeals, and publishes: the result is then stored and
 * locked, by this service and by the database.
 */
@Service
public class AssessmentService {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final Measurer measurer;
    private final UnitQuery units;
    private final DataScopes scopes;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    AssessmentService(
            JdbcClient jdbc,
            Measurer measurer,
            UnitQuery units,
            DataScopes scopes,
            ApplicationEventPublisher events,
            Clock clock) {
        this.jdbc = jdbc;
        this.measurer = measurer;
        this.units = units;
        this.scopes = scopes;
        this.events = events;
        this.clock = clock;
    }

    /** What a supervisor fills in for a scheme. */
    public record NewScheme(
            Long unitId,
            String name,
            LocalDate from,
            LocalDate to,
            Integer scale,
            Scheme.Group group,
            BigDecimal leadCredit,
            BigDecimal coCredit,
            List<Scheme.Weight> weights,
            List<Scheme.Grade> grades) {

        public NewScheme withGroup(Scheme.Group g) {
            return new NewScheme(unitId, name, from, to, scale, g, leadCredit, coCredit, weights, grades);
        }
    }

    /** The usual shape: 按时办结30、按时报送20、指标完成20、办结质量15、群众满意15; 优秀20%、良好40%、一般. */
    public static NewScheme usual(long unitId, String name, LocalDate from, LocalDate to, int scale) {
        double k = scale / 100.0;
        return new NewScheme(
                unitId,
                name,
                from,
                to,
                scale,
                Scheme.Group.ALL,
                BigDecimal.ONE,
                new BigDecimal("0.9"),
                List.of(
                        new Scheme.Weight(Criterion.ON_TIME_CLOSURE, BigDecimal.valueOf(Math.round(30 * k))),
                        new Scheme.Weight(Criterion.REPORT_PUNCTUALITY, BigDecimal.valueOf(Math.round(20 * k))),
                        new Scheme.Weight(Criterion.INDICATOR_COMPLETION, BigDecimal.valueOf(Math.round(20 * k))),
                        new Scheme.Weight(Criterion.CLOSURE_RATING, BigDecimal.valueOf(Math.round(15 * k))),
                        new Scheme.Weight(Criterion.CITIZEN_SATISFACTION, BigDecimal.valueOf(Math.round(15 * k)))),
                List.of(
                        new Scheme.Grade("优秀", new BigDecimal("0.20"), null),
                        new Scheme.Grade("良好", new BigDecimal("0.40"), null),
                        new Scheme.Grade("一般", null, null)));
    }

    @Transactional
    public Scheme create(CurrentUser user, NewScheme n) {
        requireSupervisor(user);
        Unit unit = n.unitId() == null
                ? null
                : units.find(n.unitId(), scopes.of(user)).orElse(null);
        if (unit == null) {
            throw DomainException.invalid("assessment.unit", "unitId", "请选择您督查辖区内的单位作为考核范围");
        }
        validate(n);
        long id = jdbc.sql("""
                        INSERT INTO assessment_scheme (unit_id, unit_path, name, period_from, period_to, scale, assessed, lead_credit,
                                                       co_credit, weights, grades, created_by)
                        VALUES (:unit, :path, :name, :from, :to, :scale, :group, :lead, :co, CAST(:weights AS jsonb),
                                CAST(:grades AS jsonb), :by)
                        RETURNING id
                        """)
                .param("unit", unit.id())
                .param("path", unit.path().value())
                .param("name", n.name().strip())
                .param("from", n.from())
                .param("to", n.to())
                .param("scale", n.scale())
                .param("group", (n.group() == null ? Scheme.Group.ALL : n.group()).name())
                .param("lead", n.leadCredit())
                .param("co", n.coCredit())
                .param("weights", JSON.writeValueAsString(n.weights()))
                .param("grades", JSON.writeValueAsString(n.grades()))
                .param("by", user.username())
                .query(Long.class)
                .single();
        events.publishEvent(
                new AssessmentEvent(id, "created", "建立考核方案「" + n.name().strip() + "」", user.username()));
        return find(id).orElseThrow();
    }

    /** 修改方案: weights, credits and grades, while it is still a draft. */
    @Transactional
    public Scheme update(CurrentUser user, long id, int version, NewScheme n) {
        Scheme s = managed(user, id);
        if (s.stage() != Scheme.Stage.DRAFT) {
            throw DomainException.conflict(
                    "assessment.notDraft", "方案已{0}，不能再改权重和等次", s.stage().label());
        }
        validate(n);
        int changed = jdbc.sql("""
                        UPDATE assessment_scheme SET name = :name, period_from = :from, period_to = :to, scale = :scale,
                               lead_credit = :lead, co_credit = :co, weights = CAST(:weights AS jsonb),
                               grades = CAST(:grades AS jsonb), version = version + 1
                         WHERE id = :id AND version = :version
                        """)
                .param("name", n.name().strip())
                .param("from", n.from())
                .param("to", n.to())
                .param("scale", n.scale())
                .param("lead", n.leadCredit())
                .param("co", n.coCredit())
                .param("weights", JSON.writeValueAsString(n.weights()))
                .param("grades", JSON.writeValueAsString(n.grades()))
                .param("id", id)
                .param("version", version)
                .update();
        if (changed == 0) {
            throw stale();
        }
        events.publishEvent(
                new AssessmentEvent(id, "updated", "修改考核方案「" + n.name().strip() + "」", user.username()));
        return find(id).orElseThrow();
    }

    /** A document a bonus or deduction rests on (a commendation, a bulletin), optional. */
    public record EvidenceFile(String name, String type, byte[] data) {}

    static final int MAX_EVIDENCE = 10 * 1024 * 1024;

    /** 加分/减分: a line for a unit, with a reason, what it rests on, and that document if at hand. */
    @Transactional
    public void adjust(
            CurrentUser user,
            long id,
            long unitId,
            BigDecimal points,
            String reason,
            String evidence,
            String fileName,
            byte[] file) {
        Scheme s = managed(user, id);
        requireOpen(s);
        EvidenceFile document = null;
        if (file != null && file.length > 0) {
            if (file.length > MAX_EVIDENCE) {
                throw DomainException.invalid("assessment.evidence.large", "evidenceFile", "依据文件不能超过10MB");
            }
            String name = fileName == null
                    ? ""
                    : fileName.replaceAll("[\\\\/\\p{Cntrl}]", "_").strip();
            org.luoshi.item.FileType type = org.luoshi.item.FileType.of(name, file)
                    .orElseThrow(() -> DomainException.invalid(
                            "assessment.evidence.type",
                            "evidenceFile",
                            "依据文件“{0}”的类型不允许或与扩展名不符，允许：{1}",
                            name,
                            org.luoshi.item.FileType.allowed()));
            document = new EvidenceFile(name, type.contentTypeFor(name), file);
        }
        adjustment(s, unitId, points, reason, evidence, null, user.username(), document);
    }

    /** The document behind a bonus or deduction, for those who may read that unit's lines. */
    @Transactional(readOnly = true)
    public EvidenceFile evidence(CurrentUser user, long id, long adjustmentId) {
        View v = view(user, id);
        return jdbc
                .sql("""
                        SELECT unit_id, file_name, file_type, file_data FROM assessment_adjustment
                         WHERE id = :a AND scheme_id = :s AND file_data IS NOT NULL
                        """)
                .param("a", adjustmentId)
                .param("s", id)
                .query((rs, n) -> v.manages() || (v.ownUnit() != null && v.ownUnit() == rs.getLong("unit_id"))
                        ? new EvidenceFile(
                                rs.getString("file_name"), rs.getString("file_type"), rs.getBytes("file_data"))
                        : null)
                .stream()
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .orElseThrow(() -> DomainException.notFound("assessment.evidence.unknown", "依据文件不存在"));
    }

    @Transactional
    public void removeAdjustment(CurrentUser user, long id, long adjustmentId) {
        Scheme s = managed(user, id);
        requireOpen(s);
        int n = jdbc.sql("DELETE FROM assessment_adjustment WHERE id = :a AND scheme_id = :s AND appeal_id IS NULL")
                .param("a", adjustmentId)
                .param("s", s.id())
                .update();
        if (n == 0) {
            throw DomainException.notFound("assessment.adjustment.unknown", "加减分项不存在");
        }
        events.publishEvent(new AssessmentEvent(id, "adjustment.removed", "删除加减分项 #" + adjustmentId, user.username()));
    }

    /** 公示: the units read their own scores and may appeal until the day given. */
    @Transactional
    public Scheme publicize(CurrentUser user, long id, int version, LocalDate appealUntil) {
        Scheme s = managed(user, id);
        if (s.stage() != Scheme.Stage.DRAFT) {
            throw DomainException.conflict(
                    "assessment.notDraft", "方案已{0}", s.stage().label());
        }
        if (appealUntil == null || appealUntil.isBefore(LocalDate.now(clock))) {
            throw DomainException.invalid("assessment.appealUntil", "appealUntil", "请填写不早于今天的申诉截止日期");
        }
        int n = jdbc.sql("""
                        UPDATE assessment_scheme SET stage = 'PUBLICIZED', appeal_until = :until, version = version + 1
                         WHERE id = :id AND version = :version
                        """)
                .param("until", appealUntil)
                .param("id", id)
                .param("version", version)
                .update();
        if (n == 0) {
            throw stale();
        }
        events.publishEvent(new AssessmentEvent(id, "publicized", "公示考核结果，申诉截止 " + appealUntil, user.username()));
        return find(id).orElseThrow();
    }

    /** 申诉: a unit's liaison or head questions one line of its own derivation. */
    @Transactional
    public Appeal appeal(CurrentUser user, long id, String line, String reason) {
        Scheme s = visible(user, id);
        Unit own = units.get(user.unitId(), UnitScope.all());
        if (!(user.has(Role.LIAISON) || user.has(Role.UNIT_HEAD)) || !s.assesses(own)) {
            throw DomainException.forbidden("assessment.appeal.who", "只有被考核单位的联络员或负责人可以申诉");
        }
        if (s.stage() != Scheme.Stage.PUBLICIZED) {
            throw DomainException.conflict(
                    "assessment.appeal.stage", "考核结果{0}，不在申诉期", s.stage().label());
        }
        if (LocalDate.now(clock).isAfter(s.appealUntil())) {
            throw DomainException.conflict("assessment.appeal.late", "申诉已于{0}截止", s.appealUntil());
        }
        String l = line == null ? "" : line.strip();
        if (l.isEmpty() || l.length() > 40) {
            throw DomainException.invalid("assessment.appeal.line", "line", "请选择申诉的得分项");
        }
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > 2000) {
            throw DomainException.invalid("assessment.appeal.reason", "reason", "请写明申诉理由（不超过2000字）");
        }
        long appealId = jdbc.sql("""
                        INSERT INTO assessment_appeal (scheme_id, unit_id, line, reason, filed_by)
                        VALUES (:s, :u, :line, :reason, :by) RETURNING id
                        """)
                .param("s", id)
                .param("u", own.id())
                .param("line", l)
                .param("reason", why)
                .param("by", user.username())
                .query(Long.class)
                .single();
        events.publishEvent(new AssessmentEvent(id, "appealed", own.name() + "对" + l + "提出申诉", user.username()));
        return appeals(id, own.id()).stream()
                .filter(a -> a.id() == appealId)
                .findFirst()
                .orElseThrow();
    }

    /** 答复申诉: upheld with a correction of the unit's score, or rejected; both with a reply. */
    @Transactional
    public void answer(CurrentUser user, long id, long appealId, boolean accept, String reply, BigDecimal correction) {
        Scheme s = managed(user, id);
        requireOpen(s);
        String text = reply == null ? "" : reply.strip();
        if (text.isEmpty()) {
            throw DomainException.invalid("assessment.reply", "reply", "请填写答复意见");
        }
        Appeal a = appeals(id, null).stream()
                .filter(x -> x.id() == appealId)
                .findFirst()
                .orElseThrow(() -> DomainException.notFound("assessment.appeal.unknown", "申诉不存在"));
        if (!a.status().equals("OPEN")) {
            throw DomainException.conflict("assessment.appeal.answered", "该申诉已答复");
        }
        if (accept && (correction == null || correction.signum() == 0)) {
            throw DomainException.invalid("assessment.correction", "correction", "采纳申诉须填写更正的分值");
        }
        jdbc.sql("""
                        UPDATE assessment_appeal SET status = :status, reply = :reply, answered_by = :by, answered_at = now()
                         WHERE id = :id AND status = 'OPEN'
                        """)
                .param("status", accept ? "ACCEPTED" : "REJECTED")
                .param("reply", text)
                .param("by", user.username())
                .param("id", appealId)
                .update();
        if (accept) {
            adjustment(
                    s,
                    a.unitId(),
                    correction,
                    "申诉更正（" + a.line() + "）：" + text,
                    "申诉 #" + appealId,
                    appealId,
                    user.username(),
                    null);
        }
        events.publishEvent(new AssessmentEvent(
                id, "appeal.answered", (accept ? "采纳" : "不予采纳") + "申诉 #" + appealId, user.username()));
    }

    /** 发布: scores, ranks and grades stored as they stand, and locked. */
    @Transactional
    public Scheme publish(CurrentUser user, long id, int version) {
        Scheme s = managed(user, id);
        requireOpen(s);
        long open = appeals(id, null).stream()
                .filter(a -> a.status().equals("OPEN"))
                .count();
        if (open > 0) {
            throw DomainException.conflict("assessment.appeals.open", "尚有{0}条申诉未答复，答复后才能发布", open);
        }
        List<Scoring.UnitScore> result = compute(s, s.weights());
        int n = jdbc.sql("""
                        UPDATE assessment_scheme SET stage = 'PUBLISHED', result = CAST(:result AS jsonb), published_at = now(),
                               published_by = :by, version = version + 1
                         WHERE id = :id AND version = :version
                        """)
                .param("result", JSON.writeValueAsString(result))
                .param("by", user.username())
                .param("id", id)
                .param("version", version)
                .update();
        if (n == 0) {
            throw stale();
        }
        events.publishEvent(new AssessmentEvent(id, "published", "发布考核结果「" + s.name() + "」", user.username()));
        return find(id).orElseThrow();
    }

    /** A scheme with what the person may read of it. */
    public record View(
            Scheme scheme,
            List<Scoring.UnitScore> scores,
            List<Appeal> appeals,
            List<Adjustment> adjustments,
            boolean manages,
            Long ownUnit,
            boolean mayAppeal,
            Map<String, Long> evidenceFiles) {}

    @Transactional(readOnly = true)
    public View view(CurrentUser user, long id) {
        Scheme s = visible(user, id);
        boolean manages = manages(user, s);
        Unit own = units.get(user.unitId(), UnitScope.all());
        Long ownUnit = s.assesses(own) ? own.id() : null;
        List<Scoring.UnitScore> all = s.locked() ? stored(id) : compute(s, s.weights());
        List<Scoring.UnitScore> scores = manages || (s.locked() && user.has(Role.LEADER))
                ? all
                : all.stream()
                        .filter(x -> ownUnit != null && x.unitId() == ownUnit)
                        .toList();
        boolean mayAppeal = ownUnit != null
                && (user.has(Role.LIAISON) || user.has(Role.UNIT_HEAD))
                && s.stage() == Scheme.Stage.PUBLICIZED
                && !LocalDate.now(clock).isAfter(s.appealUntil());
        return new View(
                s,
                scores,
                appeals(id, manages ? null : ownUnit == null ? -1L : ownUnit),
                manages ? adjustments(id) : List.of(),
                manages,
                ownUnit,
                mayAppeal,
                evidenceFiles(id, manages ? null : ownUnit == null ? -1L : ownUnit));
    }

    /** Derivation line key (ADJ:n) to the adjustment whose document may be downloaded. */
    private Map<String, Long> evidenceFiles(long id, Long unitId) {
        Map<String, Long> out = new HashMap<>();
        jdbc.sql("""
                        SELECT id FROM assessment_adjustment
                         WHERE scheme_id = :s AND file_data IS NOT NULL AND (CAST(:u AS bigint) IS NULL OR unit_id = :u)
                        """).param("s", id).param("u", unitId).query(Long.class).list().forEach(a -> out.put("ADJ:" + a, a));
        return out;
    }

    /** 试算: the ranking under other weights, stored nowhere. */
    @Transactional(readOnly = true)
    public List<Scoring.UnitScore> whatIf(CurrentUser user, long id, List<Scheme.Weight> weights) {
        Scheme s = managed(user, id);
        requireWeights(weights, s.scale());
        return compute(s, weights);
    }

    @Transactional(readOnly = true)
    public List<Scheme> list(CurrentUser user) {
        List<Scheme> out = new ArrayList<>();
        UnitScope scope = scopes.of(user);
        Unit own = units.find(user.unitId(), UnitScope.all()).orElse(null);
        for (Scheme s : jdbc.sql("SELECT " + COLUMNS
                        + " FROM assessment_scheme a ORDER BY a.period_from DESC, a.id DESC LIMIT 500")
                .query(AssessmentService::map)
                .list()) {
            if (manages(user, s)
                    || (s.stage() != Scheme.Stage.DRAFT
                            && own != null
                            && (s.assesses(own)
                                    || (user.has(Role.LEADER) && scope.covers(new UnitPath(s.unitPath())))))) {
                out.add(s);
            }
        }
        return out;
    }

    public boolean manages(CurrentUser user, Scheme s) {
        return user.has(Role.SUPERVISOR) && scopes.of(user).covers(new UnitPath(s.unitPath()));
    }

    /** The units a scheme assesses, for forms. */
    public List<Unit> assessedUnits(Scheme s) {
        return measurer.assessed(s);
    }

    List<Scoring.UnitScore> compute(Scheme s, List<Scheme.Weight> weights) {
        Map<Long, Map<Criterion, Scoring.Measure>> measures = measurer.measure(s, LocalDate.now(clock));
        Map<Long, List<Scoring.Bonus>> bonuses = new HashMap<>();
        for (Adjustment a : adjustments(s.id())) {
            bonuses.computeIfAbsent(a.unitId(), k -> new ArrayList<>())
                    .add(new Scoring.Bonus(a.id(), a.points(), a.reason(), a.evidence()));
        }
        List<Scoring.Input> inputs = new ArrayList<>();
        for (Unit u : measurer.assessed(s)) {
            inputs.add(new Scoring.Input(
                    u.id(),
                    u.name(),
                    measures.getOrDefault(u.id(), Map.of()),
                    bonuses.getOrDefault(u.id(), List.of())));
        }
        return Scoring.score(s.scale(), weights, s.grades(), inputs);
    }

    public record Appeal(
            long id,
            long unitId,
            String unitName,
            String line,
            String reason,
            String status,
            String reply,
            String filedBy,
            Instant filedAt,
            String answeredBy) {}

    public record Adjustment(
            long id,
            long unitId,
            String unitName,
            BigDecimal points,
            String reason,
            String evidence,
            String fileName,
            Long appealId,
            String by) {}

    private List<Appeal> appeals(long id, Long unitId) {
        return jdbc.sql("""
                        SELECT a.*, u.name AS unit_name FROM assessment_appeal a JOIN unit u ON u.id = a.unit_id
                         WHERE a.scheme_id = :s AND (CAST(:u AS bigint) IS NULL OR a.unit_id = :u) ORDER BY a.id
                        """)
                .param("s", id)
                .param("u", unitId)
                .query((rs, n) -> new Appeal(
                        rs.getLong("id"),
                        rs.getLong("unit_id"),
                        rs.getString("unit_name"),
                        rs.getString("line"),
                        rs.getString("reason"),
                        rs.getString("status"),
                        rs.getString("reply"),
                        rs.getString("filed_by"),
                        rs.getTimestamp("filed_at").toInstant(),
                        rs.getString("answered_by")))
                .list();
    }

    private List<Adjustment> adjustments(long id) {
        return jdbc.sql("""
                        SELECT a.id, a.unit_id, a.points, a.reason, a.evidence, a.file_name, a.appeal_id, a.created_by,
                               u.name AS unit_name
                          FROM assessment_adjustment a JOIN unit u ON u.id = a.unit_id
                         WHERE a.scheme_id = :s ORDER BY a.id
                        """)
                .param("s", id)
                .query((rs, n) -> new Adjustment(
                        rs.getLong("id"),
                        rs.getLong("unit_id"),
                        rs.getString("unit_name"),
                        rs.getBigDecimal("points"),
                        rs.getString("reason"),
                        rs.getString("evidence"),
                        rs.getString("file_name"),
                        rs.getObject("appeal_id", Long.class),
                        rs.getString("created_by")))
                .list();
    }

    private void adjustment(
            Scheme s,
            long unitId,
            BigDecimal points,
            String reason,
            String evidence,
            Long appealId,
            String by,
            EvidenceFile file) {
        if (!units.find(unitId, UnitScope.all()).map(s::assesses).orElse(false)) {
            throw DomainException.invalid("assessment.adjustment.unit", "unitId", "该单位不在本方案的考核范围内");
        }
        if (points == null || points.signum() == 0 || points.abs().compareTo(BigDecimal.valueOf(s.scale())) > 0) {
            throw DomainException.invalid("assessment.adjustment.points", "points", "分值须为非零数，且不超过总分{0}", s.scale());
        }
        String why = reason == null ? "" : reason.strip();
        String basis = evidence == null ? "" : evidence.strip();
        if (why.isEmpty() || basis.isEmpty()) {
            throw DomainException.invalid("assessment.adjustment.reason", "reason", "加减分须写明理由和依据（文件、通报或记录）");
        }
        jdbc.sql("""
                        INSERT INTO assessment_adjustment (scheme_id, unit_id, points, reason, evidence, file_name, file_type,
                                                           file_data, appeal_id, created_by)
                        VALUES (:s, :u, :p, :r, :e, :fn, :ft, :fd, :a, :by)
                        """)
                .param("s", s.id())
                .param("u", unitId)
                .param("p", points)
                .param("r", why)
                .param("e", basis)
                .param("fn", file == null ? null : file.name())
                .param("ft", file == null ? null : file.type())
                .param("fd", file == null ? null : file.data())
                .param("a", appealId)
                .param("by", by)
                .update();
        events.publishEvent(new AssessmentEvent(
                s.id(), "adjusted", (points.signum() > 0 ? "加分 " : "减分 ") + points.abs() + "：" + why, by));
    }

    private List<Scoring.UnitScore> stored(long id) {
        String json = jdbc.sql("SELECT result FROM assessment_scheme WHERE id = :id")
                .param("id", id)
                .query(String.class)
                .single();
        return JSON.readValue(json, new TypeReference<List<Scoring.UnitScore>>() {});
    }

    private Scheme visible(CurrentUser user, long id) {
        Scheme s = find(id).orElseThrow(AssessmentService::notFound);
        if (manages(user, s)) {
            return s;
        }
        Unit own = units.find(user.unitId(), UnitScope.all()).orElse(null);
        boolean reader = s.stage() != Scheme.Stage.DRAFT
                && own != null
                && (s.assesses(own) || (user.has(Role.LEADER) && scopes.of(user).covers(new UnitPath(s.unitPath()))));
        if (!reader) {
            throw notFound();
        }
        return s;
    }

    private Scheme managed(CurrentUser user, long id) {
        Scheme s = visible(user, id);
        if (!manages(user, s)) {
            throw DomainException.forbidden("assessment.manage", "只有本辖区的督查员可以管理考核");
        }
        return s;
    }

    private static void requireOpen(Scheme s) {
        if (s.locked()) {
            throw DomainException.conflict("assessment.locked", "考核结果已发布并锁定，不能再改动");
        }
    }

    private static void requireSupervisor(CurrentUser user) {
        if (!user.has(Role.SUPERVISOR)) {
            throw DomainException.forbidden("assessment.supervisorsOnly", "考核方案由督查员建立");
        }
    }

    private static void validate(NewScheme n) {
        if (n == null) {
            throw DomainException.invalid("assessment.scheme", "scheme", "请带上方案内容（scheme）");
        }
        if (n.name() == null || n.name().isBlank() || n.name().strip().length() > 100) {
            throw DomainException.invalid("assessment.name", "name", "请填写方案名称（不超过100字）");
        }
        if (n.from() == null || n.to() == null || n.to().isBefore(n.from())) {
            throw DomainException.invalid("assessment.period", "from", "请填写考核期的起止日期（止不早于起）");
        }
        if (n.scale() == null || (n.scale() != 100 && n.scale() != 1000)) {
            throw DomainException.invalid("assessment.scale", "scale", "总分为100分制或1000分制");
        }
        if (n.leadCredit() == null
                || n.coCredit() == null
                || n.leadCredit().signum() <= 0
                || n.leadCredit().compareTo(BigDecimal.ONE) > 0
                || n.coCredit().signum() < 0
                || n.coCredit().compareTo(n.leadCredit()) > 0) {
            throw DomainException.invalid("assessment.credit", "coCredit", "牵头系数在0到1之间，协办系数不大于牵头系数");
        }
        requireWeights(n.weights(), n.scale());
        if (n.grades() == null || n.grades().isEmpty() || n.grades().size() > 6) {
            throw DomainException.invalid("assessment.grades", "grades", "请设置1至6个等次");
        }
        for (int i = 0; i < n.grades().size(); i++) {
            Scheme.Grade g = n.grades().get(i);
            boolean last = i == n.grades().size() - 1;
            if (g.name() == null || g.name().isBlank()) {
                throw DomainException.invalid("assessment.grade.name", "grades", "第{0}个等次没有名称", i + 1);
            }
            if (!last
                    && (g.maxShare() == null
                            || g.maxShare().signum() <= 0
                            || g.maxShare().compareTo(BigDecimal.ONE) > 0)) {
                throw DomainException.invalid("assessment.grade.share", "grades", "等次“{0}”的比例须在0到100%之间", g.name());
            }
        }
    }

    private static void requireWeights(List<Scheme.Weight> weights, Integer scale) {
        if (weights == null || weights.isEmpty()) {
            throw DomainException.invalid("assessment.weights", "weights", "请至少设置一项考核指标");
        }
        BigDecimal sum = BigDecimal.ZERO;
        java.util.Set<Criterion> seen = java.util.EnumSet.noneOf(Criterion.class);
        for (Scheme.Weight w : weights) {
            if (w.criterion() == null || w.points() == null || w.points().signum() < 0 || !seen.add(w.criterion())) {
                throw DomainException.invalid("assessment.weight", "weights", "每项指标只能设置一次，分值不能为负");
            }
            sum = sum.add(w.points());
        }
        if (scale != null && sum.compareTo(BigDecimal.valueOf(scale)) != 0) {
            throw DomainException.invalid(
                    "assessment.weights.sum",
                    "weights",
                    "各项指标分值之和须等于总分{0}（现为{1}）",
                    scale,
                    sum.stripTrailingZeros().toPlainString());
        }
    }

    private Optional<Scheme> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM assessment_scheme a WHERE a.id = :id")
                .param("id", id)
                .query(AssessmentService::map)
                .optional();
    }

    private static DomainException stale() {
        return DomainException.conflict("assessment.stale", "考核方案已被他人修改，请刷新后再试");
    }

    private static DomainException notFound() {
        return DomainException.notFound("assessment.unknown", "考核方案不存在");
    }

    static final String COLUMNS =
            "a.id, a.unit_id, a.unit_path, a.name, a.period_from, a.period_to, a.scale, a.assessed, a.lead_credit, "
                    + "a.co_credit, a.weights, a.grades, a.stage, a.appeal_until, a.created_by, a.published_at, a.version";

    static Scheme map(ResultSet rs, int row) throws SQLException {
        var published = rs.getTimestamp("published_at");
        return new Scheme(
                rs.getLong("id"),
                rs.getLong("unit_id"),
                rs.getString("unit_path"),
                rs.getString("name"),
                rs.getObject("period_from", LocalDate.class),
                rs.getObject("period_to", LocalDate.class),
                rs.getInt("scale"),
                Scheme.Group.valueOf(rs.getString("assessed")),
                rs.getBigDecimal("lead_credit"),
                rs.getBigDecimal("co_credit"),
                JSON.readValue(rs.getString("weights"), new TypeReference<List<Scheme.Weight>>() {}),
                JSON.readValue(rs.getString("grades"), new TypeReference<List<Scheme.Grade>>() {}),
                Scheme.Stage.valueOf(rs.getString("stage")),
                rs.getObject("appeal_until", LocalDate.class),
                rs.getString("created_by"),
                published == null ? null : published.toInstant(),
                rs.getInt("version"));
    }
}
