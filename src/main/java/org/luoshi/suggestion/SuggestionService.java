package org.luoshi.suggestion;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.luoshi.DomainException;
import org.luoshi.item.ItemData;
import org.luoshi.item.ItemEvent;
import org.luoshi.item.ItemKind;
import org.luoshi.item.ItemLevel;
import org.luoshi.item.ItemQuery;
import org.luoshi.item.ItemService;
import org.luoshi.item.ItemSource;
import org.luoshi.item.NewItem;
import org.luoshi.item.NewSource;
import org.luoshi.item.SourceKind;
import org.luoshi.item.SourceService;
import org.luoshi.org.Unit;
import org.luoshi.org.UnitPath;
import org.luoshi.org.UnitQuery;
import org.luoshi.org.UnitScope;
import org.luoshi.security.CurrentUser;
import org.luoshi.security.DataScopes;
import org.luoshi.security.PersonalData;
import org.luoshi.security.Role;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Takes citizens' suggestions in and carries them through triage. The citizen is known only by the
 * tracking code; supervisors see the suggestions sent to a region within their jurisdiction, and
 * only the one who took a suggestion in (受理) may read the phone number whole.
 */
@Service
public class SuggestionService {

    static final int MAX_CONTENT = 2000;
    static final int MAX_NAME = 50;
    static final int MAX_ANSWER = 2000;
    static final String CITIZEN = "citizen";
    // Crockford's base 32: no I, L, O, U, so that a code read aloud or copied by hand survives
    private static final String CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private final JdbcClient jdbc;
    private final PublicGate gate;
    private final PersonalData personal;
    private final UnitQuery units;
    private final DataScopes scopes;
    private final ItemService items;
    private final ItemQuery itemQuery;
    private final SourceService sources;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final long maxAttachment;
    private final SecureRandom random = new SecureRandom();

    SuggestionService(
            JdbcClient jdbc,
            PublicGate gate,
            PersonalData personal,
            UnitQuery units,
            DataScopes scopes,
            ItemService items,
            ItemQuery itemQuery,
            SourceService sources,
            ApplicationEventPublisher events,
            Clock clock,
            @Value("${luoshi.public.attachment-max-size:5MB}") org.springframework.util.unit.DataSize maxAttachment) {
        this.jdbc = jdbc;
        this.gate = gate;
        this.personal = personal;
        this.units = units;
        this.scopes = scopes;
        this.items = items;
        this.itemQuery = itemQuery;
        this.sources = sources;
        this.events = events;
        this.clock = clock;
        this.maxAttachment = maxAttachment.toBytes();
    }

    /** What the public form sends; the attachment may be absent. */
    public record Submission(
            String category,
            String content,
            String name,
            String phone,
            Long regionId,
            String challengeId,
            String challengeAnswer,
            String attachmentName,
            byte[] attachment) {}

    /** What the citizen sees by tracking code: the status and the public answer, nothing personal. */
    public record PublicView(
            String trackingCode,
            SuggestionCategory category,
            LocalDate submittedOn,
            SuggestionStatus status,
            String progress,
            String answer,
            LocalDate answeredOn,
            CitizenRating rating,
            boolean mayRate) {}

    /** The regions a citizen may address: the top region and the regions directly under it. */
    public List<Unit> regions() {
        List<Unit> out = new ArrayList<>();
        for (Unit top : units.children(null, UnitScope.all())) {
            if (top.kind().isRegion() && top.enabled()) {
                out.add(top);
                units.children(top.id(), UnitScope.all()).stream()
                        .filter(u -> u.kind().isRegion() && u.enabled())
                        .forEach(out::add);
            }
        }
        return out;
    }

    /** Takes a suggestion in from the public page or API; returns its tracking code. */
    @Transactional
    public String submit(Submission s, String address) {
        gate.count(PublicGate.Bucket.SUBMIT, address);
        gate.verify(s.challengeId(), s.challengeAnswer());
        SuggestionCategory category = category(s.category());
        String content = s.content() == null ? "" : s.content().strip();
        if (content.isEmpty()) {
            throw DomainException.invalid("suggestion.content.empty", "content", "请填写意见建议的内容");
        }
        if (content.length() > MAX_CONTENT) {
            throw DomainException.invalid(
                    "suggestion.content.long",
                    "content",
                    "内容不能超过{0,number,#}字（现有{1,number,#}字），请精简后提交",
                    MAX_CONTENT,
                    content.length());
        }
        String name = s.name() == null || s.name().isBlank() ? null : s.name().strip();
        if (name != null && name.length() > MAX_NAME) {
            throw DomainException.invalid("suggestion.name.long", "name", "姓名不能超过{0}字", MAX_NAME);
        }
        String phone = phone(s.phone());
        Unit region = region(s.regionId());
        Attachment file = attachment(s.attachmentName(), s.attachment());
        String code = newCode();
        long id = jdbc.sql("""
                        INSERT INTO suggestion (tracking_code, category, content, citizen_name, name_cipher, phone_cipher,
                                                phone_masked, attachment_name, attachment_type, attachment, region_id,
                                                region_path, status)
                        VALUES (:code, :category, :content, :name, :nameCipher, :cipher, :masked, :fileName, :fileType,
                                :file, :region, :path, 'SUBMITTED')
                        RETURNING id
                        """)
                .param("code", code)
                .param("category", category.name())
                .param("content", content)
                .param("name", name == null ? null : PersonalData.maskName(name))
                .param("nameCipher", name == null ? null : personal.encrypt(name))
                .param("cipher", phone == null ? null : personal.encrypt(phone))
                .param("masked", phone == null ? null : PersonalData.maskPhone(phone))
                .param("fileName", file == null ? null : file.name())
                .param("fileType", file == null ? null : file.type())
                .param("file", file == null ? null : file.bytes())
                .param("region", region.id())
                .param("path", region.path().value())
                .query(Long.class)
                .single();
        record(id, code, CITIZEN, "SUBMITTED", "提交意见建议（" + category.label() + "，致" + region.name() + "）");
        return code;
    }

    /** The citizen's view; an unknown code counts against the address like a wrong password. */
    @Transactional(readOnly = true)
    public PublicView track(String trackingCode, String address) {
        gate.count(PublicGate.Bucket.LOOKUP, address);
        Suggestion own = byCode(trackingCode, address);
        Suggestion handled = root(own);
        String progress = progress(own, handled);
        boolean answered = handled.status() == SuggestionStatus.ANSWERED;
        return new PublicView(
                own.trackingCode(),
                own.category(),
                day(own.createdAt()),
                own.status(),
                progress,
                answered
                        ? handled.answer()
                        : handled.status() == SuggestionStatus.DECLINED ? handled.declineReason() : null,
                answered ? day(handled.answeredAt()) : null,
                own.rating(),
                answered && own.rating() == null);
    }

    /** 评价: once, after the answer. */
    @Transactional
    public PublicView rate(String trackingCode, String rating, String comment, String address) {
        gate.count(PublicGate.Bucket.LOOKUP, address);
        Suggestion own = byCode(trackingCode, address);
        CitizenRating r;
        try {
            r = CitizenRating.valueOf(rating == null ? "" : rating.strip());
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("suggestion.rating.unknown", "rating", "请选择评价：满意、基本满意或不满意");
        }
        String note = comment == null || comment.isBlank() ? null : comment.strip();
        if (note != null && note.length() > 500) {
            throw DomainException.invalid("suggestion.rating.long", "comment", "评价说明不能超过500字");
        }
        if (root(own).status() != SuggestionStatus.ANSWERED) {
            throw DomainException.conflict("suggestion.rating.early", "尚未答复，答复后才能评价");
        }
        int n = jdbc.sql("""
                        UPDATE suggestion SET rating = :r, rating_comment = :c, rated_at = now(), updated_at = now(),
                                              version = version + 1
                         WHERE id = :id AND rating IS NULL
                        """)
                .param("r", r.name())
                .param("c", note)
                .param("id", own.id())
                .update();
        if (n == 0) {
            throw DomainException.conflict("suggestion.rating.twice", "已评价过，不能重复评价");
        }
        record(own.id(), own.trackingCode(), CITIZEN, "RATED", "群众评价：" + r.label());
        return track(trackingCode, address);
    }

    /** A citizen's rating of the answer to a suggestion that was transferred as an item. */
    public record RatedItem(long itemId, CitizenRating rating) {}

    /** The ratings given within [from, to] of suggestions answered through an item: for assessment. */
    @Transactional(readOnly = true)
    public List<RatedItem> ratedBetween(LocalDate from, LocalDate to) {
        return jdbc.sql("""
                        SELECT coalesce(s.item_id, m.item_id) AS item_id, s.rating FROM suggestion s
                          LEFT JOIN suggestion m ON m.id = s.merged_into
                         WHERE s.rating IS NOT NULL AND coalesce(s.item_id, m.item_id) IS NOT NULL
                           AND s.rated_at >= :from AND s.rated_at < :to
                        """)
                .param(
                        "from",
                        java.sql.Timestamp.from(
                                from.atStartOfDay(clock.getZone()).toInstant()))
                .param(
                        "to",
                        java.sql.Timestamp.from(
                                to.plusDays(1).atStartOfDay(clock.getZone()).toInstant()))
                .query((rs, n) -> new RatedItem(rs.getLong("item_id"), CitizenRating.valueOf(rs.getString("rating"))))
                .list();
    }

    public record Page(List<Suggestion> rows, long total, Map<SuggestionStatus, Long> counts) {}

    /** The suggestions sent to regions within the supervisor's jurisdiction, newest first. */
    @Transactional(readOnly = true)
    public Page list(CurrentUser user, SuggestionStatus status, int page, int size) {
        UnitScope scope = staffScope(user);
        String where = scope.sqlOn("s.region_path", "sc") + (status == null ? "" : " AND s.status = :status");
        Map<String, Object> params = new java.util.HashMap<>(scope.sqlParams("sc"));
        if (status != null) {
            params.put("status", status.name());
        }
        long total = jdbc.sql("SELECT count(*) FROM suggestion s WHERE " + where)
                .params(params)
                .query(Long.class)
                .single();
        List<Suggestion> rows = jdbc.sql("SELECT " + COLUMNS + " FROM suggestion s WHERE " + where
                        + " ORDER BY s.created_at DESC, s.id DESC" + " LIMIT :limit OFFSET :offset")
                .params(params)
                .param("limit", size)
                .param("offset", (long) Math.max(0, page) * size)
                .query(SuggestionService::map)
                .list();
        Map<SuggestionStatus, Long> counts = new java.util.EnumMap<>(SuggestionStatus.class);
        jdbc.sql("SELECT s.status, count(*) AS n FROM suggestion s WHERE " + scope.sqlOn("s.region_path", "sc")
                        + " GROUP BY s.status")
                .params(scope.sqlParams("sc"))
                .query(rs -> {
                    counts.put(SuggestionStatus.valueOf(rs.getString("status")), rs.getLong("n"));
                });
        return new Page(rows, total, counts);
    }

    /** One suggestion, or 404 alike for one that does not exist and one outside the jurisdiction. */
    @Transactional(readOnly = true)
    public Suggestion get(CurrentUser user, long id) {
        UnitScope scope = staffScope(user);
        return find(id).filter(s -> scope.covers(new UnitPath(s.regionPath())))
                .orElseThrow(SuggestionService::notFound);
    }

    public record Step(Instant at, String actor, String type, String text) {}

    @Transactional(readOnly = true)
    public List<Step> history(CurrentUser user, long id) {
        get(user, id);
        return jdbc.sql("SELECT at, actor, type, text FROM suggestion_event WHERE suggestion_id = :id ORDER BY at, id")
                .param("id", id)
                .query((rs, n) -> new Step(
                        rs.getTimestamp("at").toInstant(),
                        rs.getString("actor"),
                        rs.getString("type"),
                        rs.getString("text")))
                .list();
    }

    /** The attachment's name, type and bytes, for its supervisors only. */
    @Transactional(readOnly = true)
    public Attachment attachment(CurrentUser user, long id) {
        get(user, id);
        return jdbc.sql(
                        "SELECT attachment_name, attachment_type, attachment FROM suggestion WHERE id = :id AND attachment IS NOT NULL")
                .param("id", id)
                .query((rs, n) -> new Attachment(
                        rs.getString("attachment_name"), rs.getString("attachment_type"), rs.getBytes("attachment")))
                .optional()
                .orElseThrow(SuggestionService::notFound);
    }

    /** 受理: the supervisor takes it in and becomes the one who handles it. */
    @Transactional
    public Suggestion claim(CurrentUser user, long id, Integer version) {
        Suggestion s = get(user, id);
        requireVersion(s, version);
        if (s.handledBy() != null) {
            if (s.handledBy().equals(user.username())) {
                return s;
            }
            throw DomainException.conflict("suggestion.claimed", "该意见建议已由{0}受理", s.handledBy());
        }
        update(s, "handled_by = :by", Map.of("by", user.username()));
        record(id, s.trackingCode(), user.username(), "CLAIMED", "受理");
        return get(user, id);
    }

    /** The citizen's name and phone number as written, either of which may be absent. */
    public record Contact(String name, String phone) {}

    /** The whole name and phone number, for the supervisor who took the suggestion in; each look is audited. */
    @Transactional
    public Contact contact(CurrentUser user, long id) {
        Suggestion s = get(user, id);
        if (!user.username().equals(s.handledBy())) {
            throw DomainException.forbidden("suggestion.phone.notHandler", "只有受理该意见建议的督查员可以查看完整联系电话，请先受理");
        }
        byte[][] sealed = jdbc.sql("SELECT name_cipher, phone_cipher FROM suggestion WHERE id = :id")
                .param("id", id)
                .query((rs, i) -> new byte[][] {rs.getBytes(1), rs.getBytes(2)})
                .single();
        if (sealed[0] == null && sealed[1] == null) {
            throw DomainException.notFound("suggestion.phone.none", "提交人未留姓名和联系电话");
        }
        Contact contact = new Contact(
                sealed[0] == null ? null : personal.decrypt(sealed[0]),
                sealed[1] == null ? null : personal.decrypt(sealed[1]));
        record(id, s.trackingCode(), user.username(), "PHONE_VIEWED", "查看提交人完整姓名和联系电话");
        return contact;
    }

    /** What a supervisor fills in to turn a suggestion into an item (转办). */
    public record Transfer(String title, Long unitId, LocalDate deadline, Integer deadlineDays) {}

    /** 转办: an item of kind 群众诉求 for the unit, dispatched at once, its source the suggestion. */
    @Transactional
    public Suggestion transfer(CurrentUser user, long id, Integer version, Transfer t) {
        Suggestion s = open(user, id, version);
        String title = t.title() == null || t.title().isBlank()
                ? "群众诉求：" + s.gist(40)
                : t.title().strip();
        ItemSource source = sources.register(
                new NewSource(
                        SourceKind.SUGGESTION,
                        "群众意见建议 " + s.trackingCode(),
                        s.trackingCode(),
                        day(s.createdAt()),
                        null),
                user.username());
        NewItem item = new NewItem(
                        title,
                        s.content(),
                        ItemKind.SUGGESTION,
                        ItemLevel.NORMAL,
                        org.luoshi.item.Cadence.ONCE,
                        t.unitId(),
                        null,
                        LocalDate.now(clock),
                        t.deadline(),
                        t.deadline() == null && t.deadlineDays() == null ? Integer.valueOf(10) : t.deadlineDays(),
                        null)
                .withSources(List.of(source.id()));
        ItemData created = items.create(user, item);
        ItemData sent = items.dispatch(user, created.id(), created.version());
        update(
                s,
                "status = 'TRANSFERRED', item_id = :item, handled_by = :by",
                Map.of("item", sent.id(), "by", user.username()));
        record(
                id,
                s.trackingCode(),
                user.username(),
                "TRANSFERRED",
                "转办事项 " + sent.code() + "，完成时限 " + sent.deadline());
        return get(user, id);
    }

    /** 直接答复: the supervisor answers the citizen himself. */
    @Transactional
    public Suggestion answer(CurrentUser user, long id, Integer version, String answer) {
        Suggestion s = open(user, id, version);
        String text = text(answer, "answer", "答复内容", MAX_ANSWER);
        update(
                s,
                "status = 'ANSWERED', answer = :answer, answered_at = now(), handled_by = :by",
                Map.of("answer", text, "by", user.username()));
        record(id, s.trackingCode(), user.username(), "ANSWERED", "直接答复");
        return get(user, id);
    }

    /** 合并: handled together with an earlier suggestion on the same matter; follows its answer. */
    @Transactional
    public Suggestion merge(CurrentUser user, long id, Integer version, String intoCode) {
        Suggestion s = open(user, id, version);
        UnitScope scope = staffScope(user);
        Suggestion target = findByCode(normalise(intoCode))
                .filter(x -> scope.covers(new UnitPath(x.regionPath())))
                .map(this::root)
                .orElseThrow(() -> DomainException.invalid("suggestion.merge.unknown", "into", "要合并到的意见建议不存在，请核对查询码"));
        if (target.id() == s.id()) {
            throw DomainException.invalid("suggestion.merge.self", "into", "不能与自身合并");
        }
        update(
                s,
                "status = 'MERGED', merged_into = :into, handled_by = :by",
                Map.of("into", target.id(), "by", user.username()));
        record(id, s.trackingCode(), user.username(), "MERGED", "与 " + target.trackingCode() + " 合并办理");
        return get(user, id);
    }

    /** 不予受理: with a reason the citizen will read. */
    @Transactional
    public Suggestion decline(CurrentUser user, long id, Integer version, String reason) {
        Suggestion s = open(user, id, version);
        String why = text(reason, "reason", "不予受理的理由", 500);
        update(
                s,
                "status = 'DECLINED', decline_reason = :why, answered_at = now(), handled_by = :by",
                Map.of("why", why, "by", user.username()));
        record(id, s.trackingCode(), user.username(), "DECLINED", "不予受理：" + why);
        return get(user, id);
    }

    /**
     * A transferred suggestion follows its item: the unit's closure statement becomes the answer
     * when the item is closed (销号); a re-opened item takes the answer back unless already rated;
     * a cancelled one sends the suggestion back to triage.
     */
    @EventListener
    void on(ItemEvent e) {
        switch (e.type()) {
            case "CLOSED" -> {
                String answer = itemQuery.timeline(e.itemId()).stream()
                        .filter(r -> r.type().equals("CLOSURE_REQUESTED"))
                        .reduce((a, b) -> b)
                        .map(ItemQuery.TimelineRow::text)
                        .orElse("已办结。");
                followItem(
                        e.itemId(),
                        "status = 'ANSWERED', answer = :answer, answered_at = now()",
                        Map.of("answer", answer),
                        "status = 'TRANSFERRED'",
                        "ANSWERED",
                        "转办事项已办结销号，办理结果作为答复");
            }
            case "REOPENED" ->
                followItem(
                        e.itemId(),
                        "status = 'TRANSFERRED', answer = NULL, answered_at = NULL",
                        Map.of(),
                        "status = 'ANSWERED' AND rating IS NULL",
                        "REOPENED",
                        "转办事项重新办理，答复收回");
            case "CANCELLED" ->
                followItem(
                        e.itemId(),
                        "status = 'SUBMITTED', item_id = NULL",
                        Map.of(),
                        "status = 'TRANSFERRED'",
                        "RETURNED",
                        "转办事项已撤销，待重新处理");
            default -> {
                // other moves of the item do not change what the citizen sees
            }
        }
    }

    private void followItem(
            long itemId, String set, Map<String, Object> params, String when, String type, String text) {
        List<Suggestion> affected = jdbc.sql(
                        "SELECT " + COLUMNS + " FROM suggestion s WHERE s.item_id = :item AND s." + when)
                .param("item", itemId)
                .query(SuggestionService::map)
                .list();
        for (Suggestion s : affected) {
            jdbc.sql("UPDATE suggestion SET " + set + ", updated_at = now(), version = version + 1 WHERE id = :id")
                    .params(params)
                    .param("id", s.id())
                    .update();
            record(s.id(), s.trackingCode(), "system", type, text);
        }
    }

    private Suggestion open(CurrentUser user, long id, Integer version) {
        Suggestion s = get(user, id);
        requireVersion(s, version);
        if (s.status() != SuggestionStatus.SUBMITTED) {
            throw DomainException.conflict(
                    "suggestion.handled", "该意见建议已{0}，不能再处理", s.status().label());
        }
        if (s.handledBy() != null && !s.handledBy().equals(user.username())) {
            throw DomainException.conflict("suggestion.claimed", "该意见建议已由{0}受理", s.handledBy());
        }
        return s;
    }

    private void update(Suggestion s, String set, Map<String, Object> params) {
        int n = jdbc.sql("UPDATE suggestion SET " + set
                        + ", updated_at = now(), version = version + 1 WHERE id = :id AND version = :version")
                .params(params)
                .param("id", s.id())
                .param("version", s.version())
                .update();
        if (n == 0) {
            throw stale();
        }
    }

    private static void requireVersion(Suggestion s, Integer version) {
        if (version != null && version != s.version()) {
            throw stale();
        }
    }

    private static DomainException stale() {
        return DomainException.conflict("suggestion.stale", "该意见建议已被他人处理，请刷新后再试");
    }

    private UnitScope staffScope(CurrentUser user) {
        if (!user.has(Role.SUPERVISOR)) {
            throw DomainException.forbidden("suggestion.supervisorsOnly", "群众意见建议由督查员受理");
        }
        return scopes.of(user);
    }

    private void record(long id, String code, String actor, String type, String text) {
        jdbc.sql("INSERT INTO suggestion_event (suggestion_id, actor, type, text) VALUES (:id, :actor, :type, :text)")
                .param("id", id)
                .param("actor", actor)
                .param("type", type)
                .param("text", text)
                .update();
        events.publishEvent(new SuggestionEvent(id, code, type, text, actor));
    }

    private Suggestion byCode(String trackingCode, String address) {
        gate.requireUnder(PublicGate.Bucket.MISS, address);
        Optional<Suggestion> found = findByCode(normalise(trackingCode));
        if (found.isEmpty()) {
            gate.count(PublicGate.Bucket.MISS, address);
            throw DomainException.notFound("suggestion.code.unknown", "没有找到这个查询码，请核对后重试");
        }
        return found.get();
    }

    /** A merged suggestion is handled as the one it was merged into. */
    private Suggestion root(Suggestion s) {
        Suggestion at = s;
        for (int hops = 0; at.mergedInto() != null && hops < 10; hops++) {
            at = find(at.mergedInto()).orElseThrow();
        }
        return at;
    }

    private String progress(Suggestion own, Suggestion handled) {
        String merged = own.id() != handled.id() ? "已与同类意见建议合并办理；" : "";
        return merged
                + switch (handled.status()) {
                    case SUBMITTED -> handled.handledBy() == null ? "已收到，等待受理" : "已受理，正在研究处理";
                    case TRANSFERRED -> transferredTo(handled);
                    case ANSWERED -> handled.itemId() == null ? "督查部门已直接答复" : answeredBy(handled);
                    case DECLINED -> "不予受理";
                    case MERGED -> "已合并办理";
                };
    }

    private String answeredBy(Suggestion s) {
        return jdbc.sql("SELECT u.name FROM item i JOIN unit u ON u.id = i.lead_unit_id WHERE i.id = :id")
                .param("id", s.itemId())
                .query((rs, n) -> "已由" + rs.getString("name") + "办结并答复")
                .optional()
                .orElse("已办结并答复");
    }

    private String transferredTo(Suggestion s) {
        return jdbc.sql("SELECT u.name, i.deadline FROM item i JOIN unit u ON u.id = i.lead_unit_id WHERE i.id = :id")
                .param("id", s.itemId())
                .query((rs, n) -> "已转交" + rs.getString("name") + "办理，办理时限 " + rs.getDate("deadline"))
                .optional()
                .orElse("已转交有关单位办理");
    }

    static String normalise(String code) {
        if (code == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (char c : code.strip().toUpperCase(java.util.Locale.ROOT).toCharArray()) {
            char d = switch (c) {
                case 'O' -> '0';
                case 'I', 'L' -> '1';
                default -> c;
            };
            if (CODE_ALPHABET.indexOf(d) >= 0) {
                out.append(d);
            }
        }
        if (out.length() != 12) {
            return "";
        }
        return out.substring(0, 4) + "-" + out.substring(4, 8) + "-" + out.substring(8);
    }

    private String newCode() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            code.append(CODE_ALPHABET.charAt(random.nextInt(CODE_ALPHABET.length())));
        }
        return normalise(code.toString());
    }

    private Optional<Suggestion> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM suggestion s WHERE s.id = :id")
                .param("id", id)
                .query(SuggestionService::map)
                .optional();
    }

    private Optional<Suggestion> findByCode(String code) {
        if (code.isEmpty()) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM suggestion s WHERE s.tracking_code = :code")
                .param("code", code)
                .query(SuggestionService::map)
                .optional();
    }

    private static SuggestionCategory category(String raw) {
        if (raw == null || raw.isBlank()) {
            throw DomainException.invalid("suggestion.category", "category", "请选择意见建议的类别");
        }
        for (SuggestionCategory c : SuggestionCategory.values()) {
            if (c.name().equals(raw.strip()) || c.label().equals(raw.strip())) {
                return c;
            }
        }
        throw DomainException.invalid("suggestion.category", "category", "请选择意见建议的类别");
    }

    private static String phone(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String p = raw.strip().replaceAll("[\\s-]", "");
        if (!p.matches("\\+?\\d{7,15}")) {
            throw DomainException.invalid("suggestion.phone", "phone", "联系电话格式不正确：请填写手机号码或带区号的固定电话");
        }
        return p;
    }

    private Unit region(Long regionId) {
        List<Unit> regions = regions();
        if (regions.isEmpty()) {
            throw DomainException.conflict("suggestion.noRegion", "平台尚未设置受理地区");
        }
        if (regionId == null) {
            return regions.getFirst();
        }
        return regions.stream()
                .filter(u -> u.id() == regionId)
                .findFirst()
                .orElseThrow(() -> DomainException.invalid("suggestion.region", "regionId", "请选择列出的受理地区"));
    }

    /** A file that came with a suggestion; photos and PDF only, recognised by their first bytes. */
    public record Attachment(String name, String type, byte[] bytes) {}

    private Attachment attachment(String name, byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return null;
        }
        if (bytes.length > maxAttachment) {
            throw DomainException.invalid(
                    "suggestion.attachment.large", "attachment", "附件不能超过{0}MB", maxAttachment / (1024 * 1024));
        }
        String type = org.luoshi.item.FileType.of(name, bytes)
                .filter(t -> t == org.luoshi.item.FileType.PDF
                        || t == org.luoshi.item.FileType.PNG
                        || t == org.luoshi.item.FileType.JPEG)
                .map(t -> t.contentTypeFor(name))
                .orElseThrow(() -> DomainException.invalid(
                        "suggestion.attachment.type", "attachment", "附件只接受照片（JPG、PNG）或 PDF 文件，且扩展名与内容相符"));
        String clean =
                name == null ? "附件" : name.replaceAll("[\\\\/\\p{Cntrl}]", "_").strip();
        if (clean.length() > 100) {
            clean = clean.substring(clean.length() - 100);
        }
        return new Attachment(clean.isEmpty() ? "附件" : clean, type, bytes);
    }

    private static String text(String raw, String field, String what, int max) {
        String t = raw == null ? "" : raw.strip();
        if (t.isEmpty()) {
            throw DomainException.invalid("suggestion.text.empty", field, "请填写{0}", what);
        }
        if (t.length() > max) {
            throw DomainException.invalid("suggestion.text.long", field, "{0}不能超过{1,number,#}字", what, max);
        }
        return t;
    }

    private LocalDate day(Instant at) {
        return at == null ? null : LocalDate.ofInstant(at, clock.getZone());
    }

    private static DomainException notFound() {
        return DomainException.notFound("suggestion.unknown", "意见建议不存在");
    }

    static final String COLUMNS = "s.id, s.tracking_code, s.category, s.content, s.citizen_name, s.phone_masked, "
            + "s.attachment_name, s.region_id, s.region_path, s.status, s.handled_by, s.item_id, s.merged_into, "
            + "s.answer, s.answered_at, s.decline_reason, s.rating, s.rating_comment, s.rated_at, s.created_at, s.version";

    static Suggestion map(ResultSet rs, int row) throws SQLException {
        String rating = rs.getString("rating");
        return new Suggestion(
                rs.getLong("id"),
                rs.getString("tracking_code"),
                SuggestionCategory.valueOf(rs.getString("category")),
                rs.getString("content"),
                rs.getString("citizen_name"),
                rs.getString("phone_masked"),
                rs.getString("attachment_name"),
                rs.getLong("region_id"),
                rs.getString("region_path"),
                SuggestionStatus.valueOf(rs.getString("status")),
                rs.getString("handled_by"),
                rs.getObject("item_id", Long.class),
                rs.getObject("merged_into", Long.class),
                rs.getString("answer"),
                instant(rs, "answered_at"),
                rs.getString("decline_reason"),
                rating == null ? null : CitizenRating.valueOf(rating),
                rs.getString("rating_comment"),
                instant(rs, "rated_at"),
                instant(rs, "created_at"),
                rs.getInt("version"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        var t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
