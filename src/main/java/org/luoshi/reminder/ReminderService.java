package org.luoshi.reminder;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.luoshi.DomainException;
import org.luoshi.calendar.CalendarService;
import org.luoshi.item.ItemData;
import org.luoshi.item.ItemQuery;
import org.luoshi.item.ItemService;
import org.luoshi.item.ItemStatus;
import org.luoshi.progress.PaceService;
import org.luoshi.progress.Report;
import org.luoshi.progress.ReportService;
import org.luoshi.progress.ReportingPeriod;
import org.luoshi.security.AccountQuery;
import org.luoshi.security.Contact;
import org.luoshi.security.CurrentUser;
import org.luoshi.security.Role;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Finds what needs a reminder and sends it to the right people: the lead unit's liaisons, copied to
 * its head from the yellow card on and to the lead leader at the red one.
 */
@Service
public class ReminderService {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final int MAX_MESSAGE = 2_000;

    private final JdbcClient jdbc;
    private final ItemQuery itemQuery;
    private final ItemService items;
    private final PaceService pace;
    private final ReportService reports;
    private final AccountQuery accounts;
    private final CalendarService calendar;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Escalation escalation;
    private final int dueSoonDays;
    private final boolean mail;
    private final org.springframework.transaction.support.TransactionTemplate tx;

    ReminderService(
            JdbcClient jdbc,
            ItemQuery itemQuery,
            ItemService items,
            PaceService pace,
            ReportService reports,
            AccountQuery accounts,
            CalendarService calendar,
            ApplicationEventPublisher events,
            Clock clock,
            ObjectProvider<JavaMailSender> mailSender,
            org.springframework.transaction.support.TransactionTemplate tx,
            @Value("${luoshi.reminders.escalate-after-working-days:2}") int escalateAfter,
            @Value("${luoshi.reminders.due-soon-working-days:3}") int dueSoonDays) {
        this.jdbc = jdbc;
        this.itemQuery = itemQuery;
        this.items = items;
        this.pace = pace;
        this.reports = reports;
        this.accounts = accounts;
        this.calendar = calendar;
        this.events = events;
        this.clock = clock;
        this.escalation = new Escalation(escalateAfter);
        this.dueSoonDays = dueSoonDays;
        this.mail = mailSender.getIfAvailable() != null;
        this.tx = tx;
    }

    /** One occasion to remind of: the cause, the item and what it is about (a deadline, a period…). */
    record Occasion(Cause cause, ItemData item, String anchor, String text) {

        String episode() {
            return cause + ":" + item.id() + ":" + anchor;
        }
    }

    /** Looks at every item under way and sends what is due; safe to run on several nodes at once. */
    public int scan() {
        LocalDate today = LocalDate.now(clock);
        int sent = 0;
        long after = 0;
        while (true) {
            List<ItemData> page = itemQuery.openAfter(after, 500);
            if (page.isEmpty()) {
                return sent;
            }
            Map<Long, List<Report>> reps =
                    reports.ofItems(page.stream().map(ItemData::id).toList());
            for (ItemData item : page) {
                for (Occasion o : occasions(item, reps.getOrDefault(item.id(), List.of()), today)) {
                    if (Boolean.TRUE.equals(tx.execute(status -> remindIfDue(o, today)))) {
                        sent++;
                    }
                }
            }
            after = page.getLast().id();
        }
    }

    List<Occasion> occasions(ItemData item, List<Report> itsReports, LocalDate today) {
        List<Occasion> found = new ArrayList<>();
        String name = "「" + item.title() + "」（" + item.code() + "）";
        if (item.status() == ItemStatus.DISPATCHED && items.signOverdue(item)) {
            LocalDate on = LocalDate.ofInstant(item.dispatchedAt(), ZONE);
            found.add(new Occasion(Cause.UNSIGNED, item, on.toString(), name + "已于" + on + "派发，至今未签收，请尽快签收办理。"));
        }
        boolean working = item.status() == ItemStatus.ACCEPTED || item.status() == ItemStatus.IN_PROGRESS;
        if (working && item.deadline() != null) {
            if (item.deadline().isBefore(today)) {
                long days = java.time.temporal.ChronoUnit.DAYS.between(item.deadline(), today);
                found.add(new Occasion(
                        Cause.OVERDUE,
                        item,
                        item.deadline().toString(),
                        name + "已超过完成时限" + item.deadline() + "（逾期" + days + "天），请加快办理并说明情况；确需延期的，请申请延期。"));
            } else {
                // compare with the day N working days ahead: a far deadline costs nothing to check
                var days = calendar.workingDays();
                if (!item.deadline().isAfter(days.plus(today, dueSoonDays))) {
                    int left = days.between(today, item.deadline());
                    found.add(new Occasion(
                            Cause.DUE_SOON,
                            item,
                            item.deadline().toString(),
                            name + "的完成时限为" + item.deadline() + "，还剩" + left + "个工作日，请抓紧办理，按时申请办结。"));
                }
            }
        }
        ReportingPeriod missing = pace.missing(item, itsReports, today);
        if (missing != null) {
            found.add(new Occasion(
                    Cause.MISSING_REPORT,
                    item,
                    missing.key(),
                    name + missing.label() + "的进展应于" + reports.dueOn(missing) + "前报送，至今未报，请尽快报送。"));
        }
        return found;
    }

    /** Sends the occasion's next reminder if one is due (in one transaction); the unique key keeps it to one. */
    boolean remindIfDue(Occasion o, LocalDate today) {
        var last = jdbc.sql("""
                        SELECT level, created_at FROM reminder WHERE dedupe_key = ANY(:keys)
                         ORDER BY created_at DESC, id DESC LIMIT 1
                        """)
                // the episode's keys by name, read through the unique index: a LIKE on a bound prefix
                // read all 34,000 reminders of a province each time (110 ms), for every open item
                .param(
                        "keys",
                        java.util.Arrays.stream(Level.values())
                                .map(l -> o.episode() + ":" + l.name())
                                .toArray(String[]::new))
                .query((rs, i) -> Map.entry(
                        Level.valueOf(rs.getString("level")),
                        LocalDate.ofInstant(rs.getTimestamp("created_at").toInstant(), ZONE)))
                .optional();
        Level level = escalation.due(
                o.cause(),
                last.map(Map.Entry::getKey).orElse(null),
                last.map(Map.Entry::getValue).orElse(null),
                today,
                calendar.workingDays());
        if (level == null) {
            return false;
        }
        return create(o.item(), o.cause(), level, o.text(), o.episode() + ":" + level, "system")
                .isPresent();
    }

    /** 督查催办: a supervisor's own message, at the level he chooses. */
    @Transactional
    public Reminder remind(CurrentUser user, long itemId, Level level, String message) {
        ItemData item = items.get(user, itemId);
        if (!items.supervises(user, item)) {
            throw DomainException.forbidden("reminder.notAllowed", "只有辖区督查员可以催办");
        }
        if (!item.status().open()) {
            throw DomainException.conflict(
                    "reminder.state", "事项当前状态为“{0}”，无需催办", item.status().label());
        }
        String text = message == null ? "" : message.strip();
        if (text.isEmpty() || text.length() > MAX_MESSAGE) {
            throw DomainException.invalid("reminder.message", "message", "催办内容须为1至{0}个字", MAX_MESSAGE);
        }
        long id = create(item, Cause.MANUAL, level == null ? Level.NOTICE : level, text, null, user.username())
                .orElseThrow();
        return find(id, user.id()).orElseThrow();
    }

    private Optional<Long> create(ItemData item, Cause cause, Level level, String message, String key, String by) {
        String subject = "【" + level.label() + "】" + cause.label() + "：" + item.title();
        if (subject.length() > 200) {
            subject = subject.substring(0, 199) + "…";
        }
        Optional<Long> id = jdbc.sql("""
                        INSERT INTO reminder (item_id, unit_id, cause, level, subject, message, dedupe_key, created_by)
                        VALUES (:item, :unit, :cause, :level, :subject, :message, :key, :by)
                        ON CONFLICT (dedupe_key) DO NOTHING RETURNING id
                        """)
                .param("item", item.id())
                .param("unit", item.leadUnitId())
                .param("cause", cause.name())
                .param("level", level.name())
                .param("subject", subject)
                .param("message", message)
                .param("key", key)
                .param("by", by)
                .query(Long.class)
                .optional();
        if (id.isEmpty()) {
            return id; // another node sent this one
        }
        List<Long> leader = item.leadLeaderId() == null ? List.of() : List.of(item.leadLeaderId());
        List<Contact> people = accounts.contacts(List.of(item.leadUnitId()), level == Level.RED ? leader : List.of());
        List<Contact> to = people.stream()
                .filter(c -> c.unitId() == item.leadUnitId() && c.roles().contains(Role.LIAISON))
                .toList();
        if (to.isEmpty()) {
            to = people.stream()
                    .filter(c -> c.unitId() == item.leadUnitId() && c.roles().contains(Role.UNIT_HEAD))
                    .toList();
        }
        Set<Long> toIds = to.stream().map(Contact::accountId).collect(Collectors.toSet());
        List<Contact> copy = people.stream()
                .filter(c -> !toIds.contains(c.accountId()))
                .filter(c -> level != Level.NOTICE
                                && c.unitId() == item.leadUnitId()
                                && c.roles().contains(Role.UNIT_HEAD)
                        || level == Level.RED && leader.contains(c.accountId()))
                .toList();
        for (Contact c : to) {
            recipient(id.get(), c, false);
        }
        for (Contact c : copy) {
            recipient(id.get(), c, true);
        }
        jdbc.sql("""
                        INSERT INTO reminder_delivery (reminder_id, channel, format, target)
                        SELECT :r, 'WEBHOOK', format, url FROM reminder_channel WHERE unit_id = :unit AND enabled
                        ON CONFLICT DO NOTHING
                        """).param("r", id.get()).param("unit", item.leadUnitId()).update();
        items.note(item.id(), by, "REMINDED", subject + (cause == Cause.MANUAL ? "：" + message : ""));
        events.publishEvent(
                new ReminderEvent(id.get(), item.id(), cause.name(), level.name(), item.code() + " " + subject, by));
        return id;
    }

    private void recipient(long reminderId, Contact c, boolean copy) {
        jdbc.sql(
                        "INSERT INTO reminder_recipient (reminder_id, account_id, copy) VALUES (:r, :a, :c) ON CONFLICT DO NOTHING")
                .param("r", reminderId)
                .param("a", c.accountId())
                .param("c", copy)
                .update();
        if (mail && c.email() != null) {
            jdbc.sql("""
                            INSERT INTO reminder_delivery (reminder_id, channel, format, target)
                            VALUES (:r, 'EMAIL', 'EMAIL', :to) ON CONFLICT DO NOTHING
                            """).param("r", reminderId).param("to", c.email()).update();
        }
    }

    // —— reading ——

    public List<Reminder> inbox(CurrentUser user, boolean unreadOnly, int limit) {
        return jdbc.sql(SELECT + """
                         JOIN reminder_recipient p ON p.reminder_id = r.id AND p.account_id = :me
                         WHERE (NOT :unread OR p.read_at IS NULL)
                         ORDER BY r.created_at DESC, r.id DESC LIMIT :limit
                        """.replace("READ_AT", "p.read_at"))
                .param("me", user.id())
                .param("unread", unreadOnly)
                .param("limit", limit)
                .query(ReminderService::map)
                .list();
    }

    public int unread(CurrentUser user) {
        return jdbc.sql("SELECT count(*) FROM reminder_recipient WHERE account_id = :me AND read_at IS NULL")
                .param("me", user.id())
                .query(Integer.class)
                .single();
    }

    @Transactional
    public int markRead(CurrentUser user, Long reminderId) {
        return jdbc.sql("UPDATE reminder_recipient SET read_at = now() WHERE account_id = :me AND read_at IS NULL"
                        + " AND (CAST(:r AS bigint) IS NULL OR reminder_id = :r)")
                .param("me", user.id())
                .param("r", reminderId)
                .update();
    }

    /** An item's reminders, for whoever may see the item. */
    public List<Reminder> ofItem(CurrentUser user, long itemId) {
        items.get(user, itemId);
        return jdbc.sql((SELECT + " WHERE r.item_id = :i ORDER BY r.created_at DESC, r.id DESC")
                        .replace("READ_AT", "NULL"))
                .param("i", itemId)
                .query(ReminderService::map)
                .list();
    }

    public Map<Long, List<Delivery>> deliveries(List<Long> reminderIds) {
        if (reminderIds.isEmpty()) {
            return Map.of();
        }
        return jdbc
                .sql("SELECT * FROM reminder_delivery WHERE reminder_id = ANY(:ids) ORDER BY id")
                .param("ids", reminderIds.toArray(Long[]::new))
                .query(Delivery.class)
                .list()
                .stream()
                .collect(Collectors.groupingBy(Delivery::reminderId));
    }

    /** Deliveries that failed or are being retried, of items the supervisor may see. */
    public List<Map<String, Object>> troubled(CurrentUser user, int limit) {
        List<Map<String, Object>> rows =
                jdbc.sql("""
                        SELECT d.id, d.reminder_id, d.channel, d.format, d.target, d.status, d.attempts, d.next_attempt_at,
                               d.last_error, r.item_id, r.subject, r.created_at
                          FROM reminder_delivery d JOIN reminder r ON r.id = d.reminder_id
                         WHERE d.status = 'FAILED' OR (d.status = 'PENDING' AND d.attempts > 0)
                         ORDER BY d.id DESC LIMIT :limit
                        """).param("limit", limit).query().listOfRows();
        Set<Long> visible = itemQuery
                .visible(
                        user,
                        rows.stream()
                                .map(r -> ((Number) r.get("item_id")).longValue())
                                .distinct()
                                .toList())
                .stream()
                .map(ItemData::id)
                .collect(Collectors.toSet());
        return rows.stream()
                .filter(r -> visible.contains(((Number) r.get("item_id")).longValue()))
                .toList();
    }

    /** Sends a failed delivery again from the first attempt. */
    @Transactional
    public void retry(CurrentUser user, long deliveryId) {
        Long itemId = jdbc.sql(
                        "SELECT r.item_id FROM reminder_delivery d JOIN reminder r ON r.id = d.reminder_id WHERE d.id = :d")
                .param("d", deliveryId)
                .query(Long.class)
                .optional()
                .orElseThrow(() -> DomainException.notFound("delivery.notFound", "发送记录不存在"));
        ItemData item;
        try {
            item = items.get(user, itemId);
        } catch (DomainException e) {
            // a delivery of an item out of sight reads exactly like one that does not exist
            throw DomainException.notFound("delivery.notFound", "发送记录不存在");
        }
        if (!items.supervises(user, item)) {
            throw DomainException.forbidden("delivery.retry", "只有辖区督查员可以重新发送");
        }
        jdbc.sql(
                        "UPDATE reminder_delivery SET status = 'PENDING', attempts = 0, next_attempt_at = now() WHERE id = :d AND status <> 'SENT'")
                .param("d", deliveryId)
                .update();
    }

    Optional<Reminder> find(long id, long accountId) {
        return jdbc.sql((SELECT
                                + " LEFT JOIN reminder_recipient p ON p.reminder_id = r.id AND p.account_id = :me WHERE r.id = :id")
                        .replace("READ_AT", "p.read_at"))
                .param("me", accountId)
                .param("id", id)
                .query(ReminderService::map)
                .optional();
    }

    private static final String SELECT = """
            SELECT r.id, r.item_id, r.unit_id, r.cause, r.level, r.subject, r.message, r.created_at, r.created_by,
                   READ_AT IS NOT NULL AS read
              FROM reminder r
            """;

    private static Reminder map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Reminder(
                rs.getLong("id"),
                rs.getLong("item_id"),
                rs.getLong("unit_id"),
                Cause.valueOf(rs.getString("cause")),
                Level.valueOf(rs.getString("level")),
                rs.getString("subject"),
                rs.getString("message"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getString("created_by"),
                rs.getBoolean("read"));
    }

    static Instant now(Clock clock) {
        return clock.instant();
    }
}
