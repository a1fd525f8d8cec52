package org.luoshi.security;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Account lists for the administrators, newest first, filters as bound parameters. */
@Component
public class AccountQuery {

    public static final int PAGE_SIZE = 30;

    private final JdbcClient jdbc;

    AccountQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Page(List<Account> accounts, int page, boolean hasNext) {}

    public Page search(String q, Long unitId, Role role, int page) {
        int p = Math.max(page, 1);
        String term = q == null ? "" : q.strip();
        List<Account> rows = jdbc.sql(AccountRepository.SELECT + """
                 WHERE (:q = '' OR strpos(lower(a.username), lower(:q)) > 0 OR strpos(a.display_name, :q) > 0)
                   AND (CAST(:unit AS bigint) IS NULL OR a.unit_id = :unit)
                   AND (CAST(:role AS text) IS NULL
                        OR EXISTS (SELECT 1 FROM account_role r WHERE r.account_id = a.id AND r.role = :role))
                 ORDER BY a.id
                 LIMIT :limit OFFSET :offset
                """)
                .param("q", term)
                .param("unit", unitId)
                .param("role", role == null ? null : role.name())
                .param("limit", PAGE_SIZE + 1)
                .param("offset", (p - 1) * PAGE_SIZE)
                .query(AccountRepository::map)
                .list();
        boolean more = rows.size() > PAGE_SIZE;
        return new Page(more ? rows.subList(0, PAGE_SIZE) : rows, p, more);
    }

    /** The active people of these units, or these accounts, with their roles and e-mail. */
    public java.util.List<Contact> contacts(java.util.Collection<Long> unitIds, java.util.Collection<Long> accountIds) {
        return jdbc.sql("""
                        SELECT a.id, a.unit_id, a.display_name, a.email,
                               coalesce((SELECT string_agg(r.role, ',') FROM account_role r WHERE r.account_id = a.id), '') AS roles
                          FROM account a
                         WHERE a.enabled AND (a.unit_id = ANY(:units) OR a.id = ANY(:accounts))
                         ORDER BY a.id
                        """)
                .param("units", unitIds.toArray(Long[]::new))
                .param("accounts", accountIds.toArray(Long[]::new))
                .query((rs, i) -> new Contact(
                        rs.getLong("id"),
                        rs.getLong("unit_id"),
                        rs.getString("display_name"),
                        rs.getString("email"),
                        rs.getString("roles").isEmpty()
                                ? java.util.Set.of()
                                : java.util.Arrays.stream(rs.getString("roles").split(","))
                                        .map(Role::valueOf)
                                        .collect(java.util.stream.Collectors.toUnmodifiableSet())))
                .list();
    }

    /** Sets where a person's reminders are mailed; checked as an address, blank to stop mail. */
    public void setEmail(long accountId, String email) {
        String e = email == null ? "" : email.strip();
        if (!e.isEmpty() && (e.length() > 200 || !e.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+"))) {
            throw org.luoshi.DomainException.invalid("account.email", "email", "“{0}”不是有效的电子邮箱地址", e);
        }
        jdbc.sql("UPDATE account SET email = :e WHERE id = :id")
                .param("e", e.isEmpty() ? null : e)
                .param("id", accountId)
                .update();
    }

    /** Display names of the active accounts holding a role (the leaders, for pickers), by id. */
    public java.util.Map<Long, String> namesWithRole(Role role) {
        java.util.Map<Long, String> names = new java.util.LinkedHashMap<>();
        jdbc.sql("""
                        SELECT a.id, a.display_name FROM account a
                         WHERE a.enabled AND EXISTS (SELECT 1 FROM account_role r WHERE r.account_id = a.id AND r.role = :role)
                         ORDER BY a.id
                        """).param("role", role.name()).query(rs -> {
            names.put(rs.getLong(1), rs.getString(2));
        });
        return names;
    }

    /** The active accounts of one unit; the caller has checked that the unit is in scope. */
    public List<Account> inUnit(long unitId) {
        return jdbc.sql(AccountRepository.SELECT + " WHERE a.unit_id = :u AND a.enabled ORDER BY a.id")
                .param("u", unitId)
                .query(AccountRepository::map)
                .list();
    }
}
