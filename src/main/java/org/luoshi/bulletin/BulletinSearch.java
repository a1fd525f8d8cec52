package org.luoshi.bulletin;

import java.util.List;
import org.luoshi.search.SearchService;
import org.luoshi.security.CurrentUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Bulletins in the search box: those the person may read. */
@Component
class BulletinSearch implements SearchService.Source {

    private final JdbcClient jdbc;
    private final BulletinService bulletins;

    BulletinSearch(JdbcClient jdbc, BulletinService bulletins) {
        this.jdbc = jdbc;
        this.bulletins = bulletins;
    }

    @Override
    public List<SearchService.Hit> find(CurrentUser user, String tsquery, String like, int limit) {
        BulletinService.Visibility v = bulletins.visibility(user);
        return jdbc.sql("""
                        SELECT b.id, b.number, b.title, b.body_text, coalesce(b.published_at, b.drafted_at) AS at
                          FROM bulletin b
                         WHERE to_tsvector('simple', luoshi_bigrams(b.title || ' ' || b.body_text)) @@ to_tsquery('simple', :tsq)
                           AND (b.title || ' ' || b.body_text) ILIKE :like AND %s
                         ORDER BY at DESC LIMIT :limit
                        """.formatted(v.sql()))
                .params(v.params())
                .param("tsq", tsquery)
                .param("like", like)
                .param("limit", limit)
                .query((rs, n) -> new SearchService.Hit(
                        "BULLETIN",
                        null,
                        rs.getString("number") == null ? "草稿" : rs.getString("number"),
                        rs.getString("title"),
                        rs.getString("body_text"),
                        rs.getTimestamp("at").toInstant(),
                        "/bulletins/" + rs.getLong("id")))
                .list();
    }
}
