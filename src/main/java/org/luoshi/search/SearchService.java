package org.luoshi.search;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.luoshi.DomainException;
import org.luoshi.item.ItemQuery;
import org.luoshi.security.CurrentUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Finds a term in items (title, content), progress reports (narrative, problems, next steps) and
 * comments and instructions, and in what other parts contribute, newest first, among the items the person may see. The character-pair
 * index narrows the rows; the term itself, as written, must then stand in the text.
 */
@Service
public class SearchService {

    static final int MAX_TERM = 50;
    static final int LIMIT = 50;

    private final JdbcClient jdbc;
    private final ItemQuery items;

    private final List<Source> sources;

    SearchService(JdbcClient jdbc, ItemQuery items, List<Source> sources) {
        this.jdbc = jdbc;
        this.items = items;
        this.sources = List.copyOf(sources);
    }

    /**
     * One place the term stands: {@code kind} ITEM, REPORT or COMMENT here, or what another part
     * contributes ({@code itemId} null when the hit is not about an item).
     */
    public record Hit(String kind, Long itemId, String code, String title, String text, Instant at, String href) {}

    /** Another part's text, searched within the person's scope: the bigram query and a LIKE pattern. */
    public interface Source {
        List<Hit> find(CurrentUser user, String tsquery, String like, int limit);
    }

    public List<Hit> search(CurrentUser user, String q) {
        String term = q == null ? "" : q.strip();
        if (term.isEmpty()) {
            return List.of();
        }
        if (term.length() > MAX_TERM) {
            throw DomainException.invalid("search.long", "q", "检索词不能超过{0}个字", MAX_TERM);
        }
        String tsquery = org.luoshi.Bigrams.query(term);
        if (tsquery.isEmpty()) {
            return List.of();
        }
        ItemQuery.Visible visible = items.visible(user);
        Map<String, Object> params = new HashMap<>(visible.params());
        params.put("tsq", tsquery);
        String like = "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        params.put("like", like);
        params.put("limit", LIMIT);
        String scope = visible.sql();
        List<Hit> hits = new ArrayList<>();
        jdbc.sql("""
                        SELECT * FROM (
                          SELECT 'ITEM' AS kind, i.id AS item_id, i.code, i.title, i.content AS text, i.created_at AS at
                            FROM item i
                           WHERE i.search_doc @@ to_tsquery('simple', :tsq)
                             AND (i.title || ' ' || i.content) ILIKE :like AND i.status <> 'CANCELLED' AND %1$s
                          UNION ALL
                          SELECT 'REPORT', i.id, i.code, i.title, (coalesce(r.narrative, '') || ' ' || coalesce(r.problems, '') || ' ' || coalesce(r.next_steps, '')),
                                 coalesce(r.updated_at, r.created_at)
                            FROM progress_report r JOIN item i ON i.id = r.item_id
                           WHERE to_tsvector('simple', luoshi_bigrams((coalesce(r.narrative, '') || ' ' || coalesce(r.problems, '') || ' ' || coalesce(r.next_steps, ''))))
                                 @@ to_tsquery('simple', :tsq)
                             AND (coalesce(r.narrative, '') || ' ' || coalesce(r.problems, '') || ' ' || coalesce(r.next_steps, '')) ILIKE :like
                             AND r.status <> 'DRAFT' AND %1$s
                          UNION ALL
                          SELECT 'COMMENT', i.id, i.code, i.title, e.text, e.at
                            FROM item_event e JOIN item i ON i.id = e.item_id
                           WHERE e.type IN ('COMMENT', 'INSTRUCTION')
                             AND to_tsvector('simple', luoshi_bigrams(coalesce(e.text, ''))) @@ to_tsquery('simple', :tsq)
                             AND e.text ILIKE :like AND %1$s
                        ) hits ORDER BY at DESC LIMIT :limit
                        """.replace("%1$s", scope)).params(params).query(rs -> {
            long itemId = rs.getLong("item_id");
            hits.add(new Hit(
                    rs.getString("kind"),
                    itemId,
                    rs.getString("code"),
                    rs.getString("title"),
                    snippet(rs.getString("text"), term),
                    rs.getTimestamp("at").toInstant(),
                    "/items/" + itemId));
        });
        for (Source source : sources) {
            source.find(user, tsquery, like, LIMIT)
                    .forEach(h -> hits.add(new Hit(
                            h.kind(), h.itemId(), h.code(), h.title(), snippet(h.text(), term), h.at(), h.href())));
        }
        hits.sort(java.util.Comparator.comparing(Hit::at).reversed());
        return hits.size() > LIMIT ? List.copyOf(hits.subList(0, LIMIT)) : hits;
    }

    /** Up to 120 characters around the first place the term stands. */
    static String snippet(String text, String term) {
        if (text == null) {
            return "";
        }
        int at = text.toLowerCase(Locale.ROOT).indexOf(term.toLowerCase(Locale.ROOT));
        int from = Math.max(0, at - 40);
        int to = Math.min(text.length(), from + 120);
        return (from > 0 ? "…" : "") + text.substring(from, to) + (to < text.length() ? "…" : "");
    }
}
