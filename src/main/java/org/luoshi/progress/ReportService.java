package org.luoshi.progress;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.luoshi.DomainException;
import org.luoshi.calendar.CalendarService;
import org.luoshi.item.EvidenceService;
import org.luoshi.item.ItemData;
import org.luoshi.item.ItemService;
import org.luoshi.item.ItemStatus;
import org.luoshi.security.CurrentUser;
import org.luoshi.security.Role;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * 进展反馈: the lead unit writes one report per item and period, corrects it until the supervisor
 * accepts it (each version kept), has it approved by its head first where the unit requires that, and
 * the supervisor accepts it or returns it with a comment.
 */
@Service
public class ReportService {

    static final int MAX_TEXT = 5_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final ItemService items;
    private final IndicatorService indicators;
    private final CalendarService calendar;
    private final ApplicationEventPublisher events;
    private final EvidenceService evidence;
    private final Clock clock;
    private final ReportingWindow window;

    ReportService(
            JdbcClient jdbc,
            ItemService items,
            IndicatorService indicators,
            CalendarService calendar,
            ApplicationEventPublisher events,
            EvidenceService evidence,
            Clock clock,
            @Value("${luoshi.progress.monthly-due-working-day:5}") int nthWorkingDay) {
        this.jdbc = jdbc;
        this.items = items;
        this.indicators = indicators;
        this.calendar = calendar;
        this.events = events;
        this.evidence = evidence;
        this.clock = clock;
        this.window = new ReportingWindow(nthWorkingDay);
    }

    /** The span an item reports over: from its planned start (else its dispatch) to its deadline. */
    static LocalDate spanStart(ItemData item) {
        if (item.startDate() != null) {
            return item.startDate();
        }
        Instant from = item.dispatchedAt() != null ? item.dispatchedAt() : item.createdAt();
        return from == null ? null : LocalDate.ofInstant(from, ZoneId.of("Asia/Shanghai"));
    }

    public ReportingPeriod period(ItemData item, String text) {
        return ReportingPeriod.parse(text, item.cadence(), spanStart(item), item.deadline());
    }

    public int monthlyDueWorkingDay() {
        return window.nthWorkingDay();
    }

    public LocalDate dueOn(ReportingPeriod period) {
        return window.dueOn(period, calendar.workingDays());
    }

    /** Writes (or corrects) the report for one item and period. Sending the same twice changes nothing. */
    @Transactional
    public Report write(CurrentUser user, long itemId, ReportInput in) {
        ItemData item = items.get(user, itemId);
        if (user.unitId() != item.leadUnitId() || !(user.has(Role.LIAISON) || user.has(Role.UNIT_HEAD))) {
            throw DomainException.forbidden("report.notAllowed", "只有牵头单位的联络员或负责人可以填报进展");
        }
        if (item.status() == ItemStatus.DISPATCHED) {
            throw DomainException.conflict("report.unsigned", "请先签收该事项，再填报进展");
        }
        if (item.status() != ItemStatus.ACCEPTED && item.status() != ItemStatus.IN_PROGRESS) {
            throw DomainException.conflict(
                    "report.state", "事项当前状态为“{0}”，不再填报进展", item.status().label());
        }
        LocalDate today = LocalDate.now(clock);
        ReportingPeriod period = period(item, in.period());
        LocalDate start = spanStart(item);
        if (period.start().isAfter(today)) {
            throw DomainException.invalid("report.period.future", "period", "{0}尚未开始，不能提前填报", period.label());
        }
        if (start != null && period.end().isBefore(start)
                || item.deadline() != null && period.start().isAfter(item.deadline())) {
            throw DomainException.invalid(
                    "report.period.outside",
                    "period",
                    "{0}不在事项的办理期限（{1} 至 {2}）内",
                    period.label(),
                    start,
                    item.deadline());
        }
        Content content = content(in, item);
        boolean headRequired = headApprovalRequired(item.leadUnitId()) && !user.has(Role.UNIT_HEAD);
        ReportStatus target =
                !in.submit() ? ReportStatus.DRAFT : headRequired ? ReportStatus.AWAITING_HEAD : ReportStatus.SUBMITTED;

        Long inserted = jdbc.sql("""
                        INSERT INTO progress_report (item_id, unit_id, period, period_start, period_end, due_on, status,
                                                     created_by)
                        VALUES (:item, :unit, :period, :start, :end, :due, 'DRAFT', :by)
                        ON CONFLICT (item_id, period) DO NOTHING RETURNING id
                        """)
                .param("item", itemId)
                .param("unit", item.leadUnitId())
                .param("period", period.key())
                .param("start", period.start())
                .param("end", period.end())
                .param("due", dueOn(period))
                .param("by", user.username())
                .query(Long.class)
                .optional()
                .orElse(null);
        boolean fresh = inserted != null;
        // the row is locked until commit: a second click waits here and then finds its twin
        Report locked = jdbc.sql(SELECT + " WHERE r.item_id = :item AND r.period = :period FOR UPDATE OF r")
                .param("item", itemId)
                .param("period", period.key())
                .query(ReportService::map)
                .single();
        Report before = withValues(List.of(locked)).getFirst();
        if (!fresh && in.version() != null && in.version() != before.version()) {
            throw stale();
        }
        if (before.status() == ReportStatus.ACCEPTED) {
            throw DomainException.conflict("report.accepted", "{0}的进展已被采纳，不能再修改", period.label());
        }
        if (!fresh
                && target == ReportStatus.DRAFT
                && before.status() != ReportStatus.DRAFT
                && before.status() != ReportStatus.RETURNED) {
            throw DomainException.conflict("report.submitted", "{0}的进展已报送，请修改后直接报送，不能改回草稿", period.label());
        }
        boolean changed = fresh || !content.sameAs(before);
        if (!changed && before.status() == target) {
            return before;
        }
        int revision = fresh ? 1 : changed ? before.revision() + 1 : before.revision();
        boolean firstSubmission = target != ReportStatus.DRAFT && before.submittedAt() == null;
        jdbc.sql("""
                        UPDATE progress_report SET status = :status, narrative = :narrative, percent_complete = :percent,
                               problems = :problems, next_steps = :next, revision = :revision,
                               submitted_at = CASE WHEN :submitting THEN now() ELSE submitted_at END,
                               submitted_by = CASE WHEN :submitting THEN :by ELSE submitted_by END,
                               first_submitted_at = CASE WHEN :first THEN now() ELSE first_submitted_at END,
                               late = CASE WHEN :first THEN :late ELSE late END,
                               decided_at = NULL, decided_by = NULL,
                               version = version + 1, updated_at = now()
                         WHERE id = :id
                        """)
                .param("status", target.name())
                .param("narrative", content.narrative())
                .param("percent", content.percent())
                .param("problems", content.problems())
                .param("next", content.nextSteps())
                .param("revision", revision)
                .param("submitting", target != ReportStatus.DRAFT)
                .param("first", firstSubmission)
                .param("late", today.isAfter(before.dueOn()))
                .param("by", user.username())
                .param("id", before.id())
                .update();
        if (changed) {
            jdbc.sql("DELETE FROM indicator_value WHERE report_id = :r")
                    .param("r", before.id())
                    .update();
            content.values()
                    .forEach((indicator, value) -> jdbc.sql(
                                    "INSERT INTO indicator_value (report_id, indicator_id, value) VALUES (:r, :i, :v)")
                            .param("r", before.id())
                            .param("i", indicator)
                            .param("v", value)
                            .update());
            jdbc.sql("DELETE FROM progress_report_file WHERE report_id = :r")
                    .param("r", before.id())
                    .update();
            content.files()
                    .forEach(f -> jdbc.sql("INSERT INTO progress_report_file (report_id, file_id) VALUES (:r, :f)")
                            .param("r", before.id())
                            .param("f", f)
                            .update());
            jdbc.sql("""
                            INSERT INTO progress_report_revision (report_id, revision, status, content, by_user)
                            VALUES (:r, :rev, :status, CAST(:content AS jsonb), :by)
                            """)
                    .param("r", before.id())
                    .param("rev", revision)
                    .param("status", target.name())
                    .param("content", JSON.writeValueAsString(content.asMap()))
                    .param("by", user.username())
                    .update();
        }
        if (target != ReportStatus.DRAFT) {
            items.startOnFirstReport(user, itemId);
            String what = (revision > 1 ? "修改并报送" : "报送") + period.label() + "进展"
                    + (target == ReportStatus.AWAITING_HEAD ? "（待单位负责人审核）" : "")
                    + (content.percent() == null
                            ? ""
                            : "，完成" + content.percent().stripTrailingZeros().toPlainString() + "%");
            items.note(itemId, user.username(), "REPORT_SUBMITTED", what);
            events.publishEvent(new ReportEvent(
                    before.id(), itemId, period.key(), "SUBMITTED", item.code() + " " + what, target.name()));
        }
        return find(before.id()).orElseThrow();
    }

    /**
     * A report from the paper past (demo city, ledger import): written as it was, on the day it was
     * sent, without the checks that belong to today's unit writing today's report.
     */
    @Transactional
    public Report takeOver(
            ItemData item,
            String periodKey,
            ReportInput in,
            ReportStatus status,
            java.time.OffsetDateTime sentAt,
            String by) {
        ReportingPeriod period = period(item, periodKey);
        LocalDate due = dueOn(period);
        Content content = content(in, item);
        long id = jdbc.sql("""
                        INSERT INTO progress_report (item_id, unit_id, period, period_start, period_end, due_on, status,
                                                     narrative, percent_complete, problems, next_steps, first_submitted_at,
                                                     submitted_at, submitted_by, late, decided_at, decided_by, created_by,
                                                     created_at)
                        VALUES (:item, :unit, :period, :start, :end, :due, :status, :narrative, :percent, :problems, :next,
                                :sent, :sent, :by, :late, CASE WHEN :status = 'ACCEPTED' THEN :sent END,
                                CASE WHEN :status = 'ACCEPTED' THEN 'supervisor' END, :by, :sent)
                        RETURNING id
                        """)
                .param("item", item.id())
                .param("unit", item.leadUnitId())
                .param("period", period.key())
                .param("start", period.start())
                .param("end", period.end())
                .param("due", due)
                .param("status", status.name())
                .param("narrative", content.narrative())
                .param("percent", content.percent())
                .param("problems", content.problems())
                .param("next", content.nextSteps())
                .param("sent", sentAt)
                .param("by", by)
                .param("late", sentAt.toLocalDate().isAfter(due))
                .query(Long.class)
                .single();
        content.values()
                .forEach((indicator, value) -> jdbc.sql(
                                "INSERT INTO indicator_value (report_id, indicator_id, value) VALUES (:r, :i, :v)")
                        .param("r", id)
                        .param("i", indicator)
                        .param("v", value)
                        .update());
        jdbc.sql("""
                        INSERT INTO progress_report_revision (report_id, revision, status, content, by_user, at)
                        VALUES (:r, 1, :status, CAST(:content AS jsonb), :by, :sent)
                        """)
                .param("r", id)
                .param("status", status.name())
                .param("content", JSON.writeValueAsString(content.asMap()))
                .param("by", by)
                .param("sent", sentAt)
                .update();
        return find(id).orElseThrow();
    }

    /** Many items' reports from one form: all land, or none does and the faulty row is named. */
    @Transactional
    public List<Report> writeAll(CurrentUser user, Map<Long, ReportInput> byItem) {
        return writeAll(user, byItem, Map.of());
    }

    /** The same, with files sent along for some items: stored as their evidence in the same transaction. */
    @Transactional
    public List<Report> writeAll(
            CurrentUser user, Map<Long, ReportInput> byItem, Map<Long, List<EvidenceService.Upload>> uploads) {
        List<Report> written = new ArrayList<>();
        for (var e : byItem.entrySet()) {
            try {
                List<Long> stored = new ArrayList<>();
                for (EvidenceService.Upload u : uploads.getOrDefault(e.getKey(), List.of())) {
                    stored.add(evidence.upload(user, e.getKey(), u.name(), u.data())
                            .id());
                }
                written.add(write(user, e.getKey(), e.getValue().withMoreFiles(stored)));
            } catch (DomainException ex) {
                String title = items.get(user, e.getKey()).title();
                throw switch (ex.kind()) {
                    case INVALID -> DomainException.invalid(ex.code(), ex.field(), "“{0}”：{1}", title, ex.getMessage());
                    case CONFLICT -> DomainException.conflict(ex.code(), "“{0}”：{1}", title, ex.getMessage());
                    default -> ex;
                };
            }
        }
        return written;
    }

    /** 单位负责人审核: approve to the supervisor, or send back to the liaison. */
    @Transactional
    public Report approve(CurrentUser user, long reportId, boolean approve, String comment) {
        Report r = visible(user, reportId);
        if (!user.has(Role.UNIT_HEAD) || user.unitId() != r.unitId()) {
            throw DomainException.forbidden("report.head", "只有牵头单位的负责人可以审核本单位的进展");
        }
        if (r.status() != ReportStatus.AWAITING_HEAD) {
            throw DomainException.conflict(
                    "report.head.state", "该进展当前为“{0}”，无需审核", r.status().label());
        }
        return decide(
                user,
                r,
                approve ? ReportStatus.SUBMITTED : ReportStatus.RETURNED,
                comment,
                !approve,
                approve ? "单位负责人审核通过" : "单位负责人退回");
    }

    /** 督查员审核: accept, or return with a comment saying what is missing. */
    @Transactional
    public Report review(CurrentUser user, long reportId, boolean accept, String comment, Integer version) {
        Report r = visible(user, reportId);
        ItemData item = items.get(user, r.itemId());
        if (!items.supervises(user, item)) {
            throw DomainException.forbidden("report.review", "只有辖区督查员可以采纳或退回进展");
        }
        if (version != null && version != r.version()) {
            throw stale();
        }
        if (r.status() != ReportStatus.SUBMITTED) {
            throw DomainException.conflict(
                    "report.review.state", "该进展当前为“{0}”，不能采纳或退回", r.status().label());
        }
        return decide(
                user,
                r,
                accept ? ReportStatus.ACCEPTED : ReportStatus.RETURNED,
                comment,
                !accept,
                accept ? "采纳" : "退回");
    }

    private Report decide(
            CurrentUser user, Report r, ReportStatus to, String comment, boolean commentRequired, String verb) {
        String c = comment == null ? "" : comment.strip();
        if (commentRequired && c.isEmpty()) {
            throw DomainException.invalid("report.comment", "comment", "退回时请写明理由");
        }
        if (c.length() > 2_000) {
            throw DomainException.invalid("report.comment.long", "comment", "意见不能超过2000个字");
        }
        int n = jdbc.sql("""
                        UPDATE progress_report SET status = :to, decided_at = now(), decided_by = :by,
                               decision_comment = :c, version = version + 1, updated_at = now()
                         WHERE id = :id AND version = :v
                        """)
                .param("to", to.name())
                .param("by", user.username())
                .param("c", c.isEmpty() ? null : c)
                .param("id", r.id())
                .param("v", r.version())
                .update();
        if (n != 1) {
            throw stale();
        }
        ReportingPeriod p = ReportingPeriod.parse(r.period(), cadenceOf(r), r.periodStart(), r.periodEnd());
        String text = verb + p.label() + "进展" + (c.isEmpty() ? "" : "：" + c);
        String type = to == ReportStatus.ACCEPTED
                ? "REPORT_ACCEPTED"
                : to == ReportStatus.RETURNED ? "REPORT_RETURNED" : "REPORT_APPROVED";
        items.note(r.itemId(), user.username(), type, text);
        events.publishEvent(new ReportEvent(r.id(), r.itemId(), r.period(), type.substring(7), text, to.name()));
        return find(r.id()).orElseThrow();
    }

    private static org.luoshi.item.Cadence cadenceOf(Report r) {
        String p = r.period();
        return p.equals(ReportingPeriod.ONCE)
                ? org.luoshi.item.Cadence.ONCE
                : p.contains("-W")
                        ? org.luoshi.item.Cadence.WEEKLY
                        : p.contains("-Q") ? org.luoshi.item.Cadence.QUARTERLY : org.luoshi.item.Cadence.MONTHLY;
    }

    /** An item's reports, newest period first, for whoever may see the item. */
    public List<Report> ofItem(CurrentUser user, long itemId) {
        items.get(user, itemId);
        return withValues(jdbc.sql(SELECT + " WHERE r.item_id = :i ORDER BY r.period_end DESC")
                .param("i", itemId)
                .query(ReportService::map)
                .list());
    }

    /** Every version of a report, oldest first. */
    public List<Map<String, Object>> revisions(CurrentUser user, long reportId) {
        visible(user, reportId);
        return jdbc.sql("SELECT revision, status, content::text AS content, by_user, at FROM progress_report_revision"
                        + " WHERE report_id = :r ORDER BY revision")
                .param("r", reportId)
                .query((rs, i) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("revision", rs.getInt("revision"));
                    m.put("status", rs.getString("status"));
                    m.put("content", JSON.readTree(rs.getString("content")));
                    m.put("by", rs.getString("by_user"));
                    m.put("at", rs.getTimestamp("at").toInstant());
                    return m;
                })
                .list();
    }

    /** Reports waiting for this user: a head's unit's, or the submitted ones a supervisor may see. */
    public List<Report> waitingFor(CurrentUser user, Collection<Long> visibleItemIds, ReportStatus status) {
        if (visibleItemIds.isEmpty()) {
            return List.of();
        }
        return withValues(jdbc.sql(SELECT + " WHERE r.status = :s AND r.item_id = ANY(:ids) ORDER BY r.submitted_at")
                .param("s", status.name())
                .param("ids", visibleItemIds.toArray(Long[]::new))
                .query(ReportService::map)
                .list());
    }

    /** The newest reports in one status, for the review queues; the caller keeps those the user may see. */
    public List<Report> inStatus(ReportStatus status, int limit) {
        return withValues(jdbc.sql(SELECT + " WHERE r.status = :s ORDER BY r.submitted_at NULLS LAST, r.id LIMIT :l")
                .param("s", status.name())
                .param("l", limit)
                .query(ReportService::map)
                .list());
    }

    public Optional<Report> find(long id) {
        return jdbc.sql(SELECT + " WHERE r.id = :id")
                .param("id", id)
                .query(ReportService::map)
                .optional()
                .map(r -> withValues(List.of(r)).getFirst());
    }

    /** Reports of many items, for the pace and the period page. */
    public Map<Long, List<Report>> ofItems(Collection<Long> itemIds) {
        Map<Long, List<Report>> result = new HashMap<>();
        if (itemIds.isEmpty()) {
            return result;
        }
        jdbc.sql(SELECT + " WHERE r.item_id = ANY(:ids) ORDER BY r.period_end DESC")
                .param("ids", itemIds.toArray(Long[]::new))
                .query(ReportService::map)
                .list()
                .forEach(r -> result.computeIfAbsent(r.itemId(), k -> new ArrayList<>())
                        .add(r));
        return result;
    }

    public boolean headApprovalRequired(long unitId) {
        return jdbc.sql("SELECT head_approval_required FROM progress_unit_setting WHERE unit_id = :u")
                .param("u", unitId)
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }

    @Transactional
    public void requireHeadApproval(long unitId, boolean required) {
        jdbc.sql("""
                        INSERT INTO progress_unit_setting (unit_id, head_approval_required) VALUES (:u, :r)
                        ON CONFLICT (unit_id) DO UPDATE SET head_approval_required = EXCLUDED.head_approval_required
                        """).param("u", unitId).param("r", required).update();
    }

    private Report visible(CurrentUser user, long reportId) {
        Report r = find(reportId).orElseThrow(ReportService::notFound);
        try {
            items.get(user, r.itemId());
        } catch (DomainException e) {
            throw notFound();
        }
        return r;
    }

    private List<Report> withValues(List<Report> reports) {
        if (reports.isEmpty()) {
            return reports;
        }
        Map<Long, Map<Long, BigDecimal>> values = new HashMap<>();
        jdbc.sql("SELECT report_id, indicator_id, value FROM indicator_value WHERE report_id = ANY(:ids)")
                .param("ids", reports.stream().map(Report::id).toArray(Long[]::new))
                .query(rs -> {
                    values.computeIfAbsent(rs.getLong(1), k -> new LinkedHashMap<>())
                            .put(rs.getLong(2), rs.getBigDecimal(3));
                });
        Map<Long, Map<Long, String>> files = new HashMap<>();
        jdbc.sql("""
                        SELECT l.report_id, f.id, f.name FROM progress_report_file l JOIN item_file f ON f.id = l.file_id
                         WHERE l.report_id = ANY(:ids) ORDER BY f.id
                        """)
                .param("ids", reports.stream().map(Report::id).toArray(Long[]::new))
                .query(rs -> {
                    files.computeIfAbsent(rs.getLong(1), k -> new LinkedHashMap<>())
                            .put(rs.getLong(2), rs.getString(3));
                });
        return reports.stream()
                .map(r -> r.withValues(values.getOrDefault(r.id(), Map.of()), files.getOrDefault(r.id(), Map.of())))
                .toList();
    }

    /** A report's content, checked and normalised; two equal contents are one revision. */
    record Content(
            String narrative,
            BigDecimal percent,
            String problems,
            String nextSteps,
            Map<Long, BigDecimal> values,
            java.util.SortedSet<Long> files) {

        boolean sameAs(Report r) {
            return Objects.equals(narrative, r.narrative())
                    && same(percent, r.percentComplete())
                    && Objects.equals(problems, r.problems())
                    && Objects.equals(nextSteps, r.nextSteps())
                    && values.size() == r.values().size()
                    && values.entrySet().stream()
                            .allMatch(e -> same(e.getValue(), r.values().get(e.getKey())))
                    && files.equals(new java.util.TreeSet<>(r.files().keySet()));
        }

        Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("narrative", narrative);
            m.put("percentComplete", percent);
            m.put("problems", problems);
            m.put("nextSteps", nextSteps);
            m.put(
                    "values",
                    values.entrySet().stream()
                            .collect(Collectors.toMap(e -> e.getKey().toString(), Map.Entry::getValue)));
            m.put("fileIds", List.copyOf(files));
            return m;
        }

        private static boolean same(BigDecimal a, BigDecimal b) {
            return a == null ? b == null : b != null && a.compareTo(b) == 0;
        }
    }

    private Content content(ReportInput in, ItemData item) {
        String narrative = text(in.narrative(), "narrative", "工作进展");
        if (in.submit() && narrative == null) {
            throw DomainException.invalid("report.narrative", "narrative", "请填写本期工作进展");
        }
        BigDecimal percent = in.percentComplete();
        if (percent != null && (percent.signum() < 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0)) {
            throw DomainException.invalid("report.percent", "percentComplete", "完成进度须在0至100之间，现为 {0}", percent);
        }
        Set<Long> own = indicators.ofItems(List.of(item.id())).getOrDefault(item.id(), List.of()).stream()
                .map(Indicator::id)
                .collect(Collectors.toSet());
        for (Long id : in.values().keySet()) {
            if (!own.contains(id)) {
                throw DomainException.invalid("report.indicator", "values", "指标 {0} 不属于该事项", id);
            }
        }
        Map<Long, BigDecimal> values = new java.util.TreeMap<>();
        in.values().forEach((k, v) -> {
            if (v != null) {
                values.put(k, v);
            }
        });
        java.util.SortedSet<Long> files = new java.util.TreeSet<>(in.fileIds());
        if (!files.isEmpty()) {
            Set<Long> itemFiles = jdbc.sql("SELECT id FROM item_file WHERE item_id = :i AND id = ANY(:ids)")
                    .param("i", item.id())
                    .param("ids", files.toArray(Long[]::new))
                    .query(Long.class)
                    .set();
            for (Long f : files) {
                if (!itemFiles.contains(f)) {
                    throw DomainException.invalid("report.file", "fileIds", "文件 {0} 不是该事项的佐证材料", f);
                }
            }
        }
        return new Content(
                narrative,
                percent,
                text(in.problems(), "problems", "存在问题"),
                text(in.nextSteps(), "nextSteps", "下步打算"),
                values,
                files);
    }

    private static String text(String raw, String field, String what) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String t = raw.strip();
        if (t.length() > MAX_TEXT) {
            throw DomainException.invalid(
                    "report.text.long", field, "{0}不能超过{1}个字（现有{2}个字）", what, MAX_TEXT, t.length());
        }
        return t;
    }

    private static DomainException stale() {
        return DomainException.conflict("report.stale", "该进展已被他人修改或处理，请刷新后再操作，您的修改未保存");
    }

    static DomainException notFound() {
        return DomainException.notFound("report.notFound", "进展反馈不存在或不在您的数据范围内");
    }

    static final String SELECT = """
            SELECT r.id, r.item_id, r.unit_id, r.period, r.period_start, r.period_end, r.due_on, r.status, r.narrative,
                   r.percent_complete, r.problems, r.next_steps, r.revision, r.submitted_at, r.submitted_by, r.late,
                   r.decided_at, r.decided_by, r.decision_comment, r.version
              FROM progress_report r
            """;

    static Report map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Report(
                rs.getLong("id"),
                rs.getLong("item_id"),
                rs.getLong("unit_id"),
                rs.getString("period"),
                rs.getObject("period_start", LocalDate.class),
                rs.getObject("period_end", LocalDate.class),
                rs.getObject("due_on", LocalDate.class),
                ReportStatus.valueOf(rs.getString("status")),
                rs.getString("narrative"),
                rs.getBigDecimal("percent_complete"),
                rs.getString("problems"),
                rs.getString("next_steps"),
                rs.getInt("revision"),
                rs.getTimestamp("submitted_at") == null
                        ? null
                        : rs.getTimestamp("submitted_at").toInstant(),
                rs.getString("submitted_by"),
                rs.getBoolean("late"),
                rs.getTimestamp("decided_at") == null
                        ? null
                        : rs.getTimestamp("decided_at").toInstant(),
                rs.getString("decided_by"),
                rs.getString("decision_comment"),
                rs.getInt("version"),
                Map.of(),
                Map.of());
    }
}
