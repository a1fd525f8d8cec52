package org.luoshi.calendar;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.luoshi.DomainException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the calendar and hands out {@link WorkingDays} snapshots. The snapshot is cached for a
 * minute so that another node's edit shows up soon without a query per computation.
 */
@Service
public class CalendarService {

    private static final long TTL_SECONDS = 60;
    private static final int MAX_SPAN = 31;

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final AtomicReference<Snapshot> cache = new AtomicReference<>();

    private record Snapshot(WorkingDays days, Instant loadedAt) {}

    CalendarService(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    public WorkingDays workingDays() {
        Snapshot s = cache.get();
        Instant now = clock.instant();
        if (s == null || s.loadedAt().plusSeconds(TTL_SECONDS).isBefore(now)) {
            s = new Snapshot(load(), now);
            cache.set(s);
        }
        return s.days();
    }

    public List<SpecialDay> year(int year) {
        return jdbc.sql("""
                SELECT day, kind, name FROM calendar_day
                 WHERE day >= make_date(:y, 1, 1) AND day < make_date(:y + 1, 1, 1) ORDER BY day
                """).param("y", year).query(SpecialDay.class).list();
    }

    /** The years whose arrangement has been entered, newest first. */
    public List<Integer> knownYears() {
        return jdbc.sql("SELECT year FROM calendar_year ORDER BY year DESC")
                .query(Integer.class)
                .list();
    }

    /** Sets every day of [first, last] to one kind, replacing what was there. */
    @Transactional
    public void set(LocalDate first, LocalDate last, DayKind kind, String name) {
        LocalDate to = last == null ? first : last;
        String label = name == null ? "" : name.strip();
        if (first == null) {
            throw DomainException.invalid("calendar.first.required", "first", "请选择日期");
        }
        if (kind == null) {
            throw DomainException.invalid("calendar.kind.required", "kind", "请选择放假或调休上班");
        }
        if (label.isEmpty() || label.length() > 32) {
            throw DomainException.invalid("calendar.name", "name", "请填写节日名称（不超过32个字）");
        }
        if (to.isBefore(first) || to.toEpochDay() - first.toEpochDay() >= MAX_SPAN) {
            throw DomainException.invalid("calendar.span", "last", "结束日期须在开始日期之后，且一次最多设置31天");
        }
        if (first.getYear() < 2000 || to.getYear() > 2100) {
            throw DomainException.invalid("calendar.year", "first", "年份须在2000至2100之间");
        }
        for (LocalDate d = first; !d.isAfter(to); d = d.plusDays(1)) {
            jdbc.sql("""
                    INSERT INTO calendar_day (day, kind, name, updated_by) VALUES (:d, :k, :n, :by)
                    ON CONFLICT (day) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name,
                           updated_at = now(), updated_by = EXCLUDED.updated_by
                    """)
                    .param("d", d)
                    .param("k", kind.name())
                    .param("n", label)
                    .param("by", currentUser())
                    .update();
        }
        for (int y = first.getYear(); y <= to.getYear(); y++) {
            jdbc.sql("INSERT INTO calendar_year (year) VALUES (:y) ON CONFLICT (year) DO NOTHING")
                    .param("y", y)
                    .update();
        }
        cache.set(null);
        events.publishEvent(new CalendarEvent.DaysSet(first, to, kind, label));
    }

    @Transactional
    public void clear(LocalDate day) {
        SpecialDay before = jdbc.sql("SELECT day, kind, name FROM calendar_day WHERE day = :d")
                .param("d", day)
                .query(SpecialDay.class)
                .optional()
                .orElseThrow(() -> DomainException.notFound("calendar.notFound", "该日期不在工作日历的特殊日期中"));
        jdbc.sql("DELETE FROM calendar_day WHERE day = :d").param("d", day).update();
        cache.set(null);
        events.publishEvent(new CalendarEvent.DayCleared(before));
    }

    private WorkingDays load() {
        Map<LocalDate, DayKind> special = new HashMap<>();
        jdbc.sql("SELECT day, kind FROM calendar_day").query(rs -> {
            special.put(rs.getObject(1, LocalDate.class), DayKind.valueOf(rs.getString(2)));
        });
        Set<Integer> years = new HashSet<>(knownYears());
        return new WorkingDays(special, years);
    }

    private static String currentUser() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? null : auth.getName();
    }
}
