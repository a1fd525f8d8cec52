package org.luoshi.summary;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.luoshi.DomainException;
import org.luoshi.org.UnitScope;
import org.luoshi.security.CurrentUser;
import org.luoshi.security.Role;
import org.luoshi.summary.SummaryDraft.Figure;
import org.luoshi.summary.SummaryDraft.Paragraph;
import org.luoshi.summary.SummaryDraft.Section;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The half-year summary as a person sees it: the edited draft when there is one, else freshly drafted
 * from the ledger. Edits are kept per unit and half-year, and a stale edit is refused, not merged.
 */
@Service
public class SummaryDrafts {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_PARAGRAPH = 20_000;

    private final HalfYearSummary summary;
    private final JdbcClient jdbc;
    private final Clock clock;

    SummaryDrafts(HalfYearSummary summary, JdbcClient jdbc, Clock clock) {
        this.summary = summary;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The kept draft, or a fresh one when none was kept or {@code fresh} asks to start over. */
    public SummaryDraft get(CurrentUser user, UnitScope scope, long unitId, String period, boolean fresh) {
        HalfYearSummary.HalfYear half = HalfYearSummary.HalfYear.parse(period);
        SummaryDraft drafted = summary.draft(user, scope, unitId, half); // also checks the unit is in scope
        if (fresh) {
            return drafted.withParagraphs(drafted.sections(), false, version(unitId, half), drafted.generatedAt());
        }
        return kept(unitId, half).orElse(drafted);
    }

    private Optional<SummaryDraft> kept(long unitId, HalfYearSummary.HalfYear half) {
        return jdbc.sql("SELECT body::text FROM summary_draft WHERE unit_id = :u AND period = :p")
                .param("u", unitId)
                .param("p", half.key())
                .query(String.class)
                .optional()
                .map(body -> JSON.readValue(body, SummaryDraft.class));
    }

    private int version(long unitId, HalfYearSummary.HalfYear half) {
        return jdbc.sql("SELECT version FROM summary_draft WHERE unit_id = :u AND period = :p")
                .param("u", unitId)
                .param("p", half.key())
                .query(Integer.class)
                .optional()
                .orElse(0);
    }

    /**
     * Keeps edited paragraphs (by key) over the draft the user read at {@code version}; a figure whose
     * words were edited away loses its link, the others keep theirs.
     */
    @Transactional
    public SummaryDraft edit(
            CurrentUser user,
            UnitScope scope,
            long unitId,
            String period,
            int version,
            boolean fresh,
            Map<String, String> paragraphs) {
        if (!user.has(Role.SUPERVISOR) && !user.has(Role.LIAISON) && !user.has(Role.UNIT_HEAD)) {
            throw DomainException.forbidden("summary.edit.forbidden", "只有督查员和单位联络员、负责人可以修改工作总结");
        }
        HalfYearSummary.HalfYear half = HalfYearSummary.HalfYear.parse(period);
        SummaryDraft base = get(user, scope, unitId, period, fresh);
        int current = version(unitId, half);
        if (current != version) {
            throw DomainException.conflict("summary.edit.stale", "这份总结已被他人修改（版本 {0}），请刷新后再改", current);
        }
        List<Section> sections =
                base.sections().stream().map(s -> edited(s, paragraphs)).toList();
        SummaryDraft saved = base.withParagraphs(sections, true, current + 1, clock.instant());
        int changed = jdbc.sql("""
                        INSERT INTO summary_draft (unit_id, period, body, version, updated_by, updated_at)
                        VALUES (:u, :p, CAST(:b AS jsonb), 1, :by, now())
                        ON CONFLICT (unit_id, period) DO UPDATE
                           SET body = EXCLUDED.body, version = summary_draft.version + 1,
                               updated_by = EXCLUDED.updated_by, updated_at = now()
                         WHERE summary_draft.version = :v
                        """)
                .param("u", unitId)
                .param("p", half.key())
                .param("b", JSON.writeValueAsString(saved))
                .param("by", user.username())
                .param("v", current)
                .update();
        if (changed == 0) {
            throw DomainException.conflict("summary.edit.stale", "这份总结刚被他人修改，请刷新后再改");
        }
        return saved;
    }

    private static Section edited(Section s, Map<String, String> paragraphs) {
        List<Paragraph> ps = new ArrayList<>();
        for (Paragraph p : s.paragraphs()) {
            String text = paragraphs.get(p.key());
            if (text == null || text.equals(p.text())) {
                ps.add(p);
                continue;
            }
            if (text.length() > MAX_PARAGRAPH) {
                throw DomainException.invalid("summary.edit.long", "paragraphs", "一段不能超过{0}字", MAX_PARAGRAPH);
            }
            List<Figure> kept =
                    p.figures().stream().filter(f -> text.contains(f.text())).toList();
            ps.add(new Paragraph(p.key(), text.strip(), kept, text.contains("【待补充")));
        }
        return new Section(
                s.level(),
                s.number(),
                s.heading(),
                ps,
                s.children().stream().map(c -> edited(c, paragraphs)).toList());
    }
}
