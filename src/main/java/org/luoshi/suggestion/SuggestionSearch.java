package org.luoshi.suggestion;

import java.util.List;
import org.luoshi.org.UnitScope;
import org.luoshi.search.SearchService;
import org.luoshi.security.CurrentUser;
import org.luoshi.security.DataScopes;
import org.luoshi.security.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Suggestions in the search box, for the supervisors of the regions they were sent to. */
@Component
class SuggestionSearch implements SearchService.Source {

    private final JdbcClient jdbc;
    private final DataScopes scopes;

    SuggestionSearch(JdbcClient jdbc, DataScopes scopes) {
        this.jdbc = jdbc;
        this.scopes = scopes;
    }

    @Override
    public List<SearchService.Hit> find(CurrentUser user, String tsquery, String like, int limit) {
        if (!user.has(Role.SUPERVISOR)) {
            return List.of();
        }
        UnitScope scope = scopes.of(user);
        return jdbc.sql("""
                        SELECT s.id, s.tracking_code, s.category, s.content, s.created_at FROM suggestion s
                         WHERE to_tsvector('simple', luoshi_bigrams(s.content)) @@ to_tsquery('simple', :tsq)
                           AND s.content ILIKE :like AND %s
                         ORDER BY s.created_at DESC LIMIT :limit
                        """.formatted(scope.sqlOn("s.region_path", "sc")))
                .params(scope.sqlParams("sc"))
                .param("tsq", tsquery)
                .param("like", like)
                .param("limit", limit)
                .query((rs, n) -> new SearchService.Hit(
                        "SUGGESTION",
                        null,
                        rs.getString("tracking_code"),
                        SuggestionCategory.valueOf(rs.getString("category")).label(),
                        rs.getString("content"),
                        rs.getTimestamp("created_at").toInstant(),
                        "/suggestions/" + rs.getLong("id")))
                .list();
    }
}
