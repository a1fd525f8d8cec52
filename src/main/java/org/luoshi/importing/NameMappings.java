package org.luoshi.importing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.luoshi.DomainException;
import org.luoshi.org.UnitQuery;
import org.luoshi.security.AccountQuery;
import org.luoshi.security.CurrentUser;
import org.luoshi.security.DataScopes;
import org.luoshi.security.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * 名称对照: what a unit's sheets call a unit or a leader that the platform names otherwise ("开发区管委会"
 * for 临港经济开发区, "老张" never), saved by a supervisor and remembered for his unit's later imports.
 */
@Service
public class NameMappings {

    /** What a mapped name stands for. */
    public enum Kind {
        UNIT,
        LEADER
    }

    /** A saved mapping, as a page lists it. */
    public record Mapping(Kind kind, String name, long targetId, String targetName, String createdBy) {}

    private final JdbcClient jdbc;
    private final UnitQuery units;
    private final AccountQuery accounts;
    private final DataScopes scopes;

    NameMappings(JdbcClient jdbc, UnitQuery units, AccountQuery accounts, DataScopes scopes) {
        this.jdbc = jdbc;
        this.units = units;
        this.accounts = accounts;
        this.scopes = scopes;
    }

    public List<Mapping> list(CurrentUser user) {
        requireSupervisor(user);
        List<Mapping> rows = jdbc.sql("""
                        SELECT kind, written_as, target_id, created_by FROM import_name_mapping
                         WHERE owner_unit_id = :u ORDER BY kind, written_as
                        """)
                .param("u", user.unitId())
                .query((rs, n) -> new Mapping(
                        Kind.valueOf(rs.getString("kind")),
                        rs.getString("written_as"),
                        rs.getLong("target_id"),
                        "",
                        rs.getString("created_by")))
                .list();
        Map<Long, String> unitNames = units.names(rows.stream()
                .filter(m -> m.kind() == Kind.UNIT)
                .map(Mapping::targetId)
                .toList());
        Map<Long, String> leaderNames = accounts.namesWithRole(Role.LEADER);
        return rows.stream()
                .map(m -> new Mapping(
                        m.kind(),
                        m.name(),
                        m.targetId(),
                        (m.kind() == Kind.UNIT ? unitNames : leaderNames).getOrDefault(m.targetId(), "（已不存在）"),
                        m.createdBy()))
                .toList();
    }

    /** Saves (or replaces) what {@code name} stands for; the target must be one the user could name. */
    public Mapping save(CurrentUser user, Kind kind, String name, Long targetId) {
        requireSupervisor(user);
        String written = name == null ? "" : name.strip();
        if (written.isEmpty() || written.length() > 100) {
            throw DomainException.invalid("import.mapping.name", "name", "请填写表格中的写法（1至100个字）");
        }
        if (kind == null || targetId == null) {
            throw DomainException.invalid("import.mapping.target", "targetId", "请选择它对应的单位或领导");
        }
        String targetName = kind == Kind.UNIT
                ? units.find(targetId, scopes.of(user))
                        .map(u -> u.name())
                        .orElseThrow(
                                () -> DomainException.invalid("import.mapping.unit", "targetId", "对应的单位不存在或不在您的督查辖区内"))
                : accounts.namesWithRole(Role.LEADER).get(targetId);
        if (targetName == null) {
            throw DomainException.invalid("import.mapping.leader", "targetId", "对应的领导不存在");
        }
        jdbc.sql("""
                        INSERT INTO import_name_mapping (owner_unit_id, kind, name, target_id, written_as, created_by)
                        VALUES (:u, :k, :n, :t, :w, :by)
                        ON CONFLICT (owner_unit_id, kind, name)
                        DO UPDATE SET target_id = EXCLUDED.target_id, written_as = EXCLUDED.written_as,
                                      created_by = EXCLUDED.created_by, created_at = now()
                        """)
                .param("u", user.unitId())
                .param("k", kind.name())
                .param("n", NameMatcher.key(written))
                .param("t", targetId)
                .param("w", written)
                .param("by", user.username())
                .update();
        return new Mapping(kind, written, targetId, targetName, user.username());
    }

    public void delete(CurrentUser user, Kind kind, String name) {
        requireSupervisor(user);
        jdbc.sql("DELETE FROM import_name_mapping WHERE owner_unit_id = :u AND kind = :k AND name = :n")
                .param("u", user.unitId())
                .param("k", kind.name())
                .param("n", NameMatcher.key(name == null ? "" : name))
                .update();
    }

    /** The user's unit's mappings of one kind, by normalised name, for the importer. */
    Map<String, Long> of(CurrentUser user, Kind kind) {
        Map<String, Long> m = new HashMap<>();
        jdbc.sql("SELECT name, target_id FROM import_name_mapping WHERE owner_unit_id = :u AND kind = :k")
                .param("u", user.unitId())
                .param("k", kind.name())
                .query(rs -> {
                    m.put(rs.getString("name"), rs.getLong("target_id"));
                });
        return m;
    }

    private static void requireSupervisor(CurrentUser user) {
        if (!user.has(Role.SUPERVISOR)) {
            throw DomainException.forbidden("import.mapping.forbidden", "只有督查员可以维护名称对照");
        }
    }
}
