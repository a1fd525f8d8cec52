package org.luoshi.org;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class UnitRepository {

    static final String COLUMNS =
            "u.id, u.parent_id, u.code, u.name, u.short_name, u.kind, u.path, u.sort_order, u.enabled, u.version, u.created_at";

    static final RowMapper<Unit> MAPPER = UnitRepository::map;

    private final JdbcClient jdbc;

    UnitRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Unit> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM unit u WHERE u.id = :id")
                .param("id", id)
                .query(MAPPER)
                .optional();
    }

    Optional<Unit> findByCode(String code) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM unit u WHERE u.code = :code")
                .param("code", code)
                .query(MAPPER)
                .optional();
    }

    boolean codeTaken(String code, Long exceptId) {
        return jdbc.sql("SELECT count(*) FROM unit WHERE code = :code AND id IS DISTINCT FROM :except")
                        .param("code", code)
                        .param("except", exceptId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    boolean siblingNameTaken(Long parentId, String name, Long exceptId) {
        return jdbc.sql("""
                        SELECT count(*) FROM unit
                         WHERE parent_id IS NOT DISTINCT FROM :parent AND name = :name
                           AND id IS DISTINCT FROM :except
                        """)
                        .param("parent", parentId)
                        .param("name", name)
                        .param("except", exceptId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    long nextId() {
        return jdbc.sql("SELECT nextval(pg_get_serial_sequence('unit', 'id'))")
                .query(Long.class)
                .single();
    }

    void insert(long id, UnitCommand c, UnitPath path, String by) {
        jdbc.sql("""
                INSERT INTO unit (id, parent_id, code, name, short_name, kind, path, depth, sort_order, created_by)
                VALUES (:id, :parent, :code, :name, :shortName, :kind, :path, :depth, :sort, :by)
                """)
                .param("id", id)
                .param("parent", c.parentId())
                .param("code", c.code())
                .param("name", c.name())
                .param("shortName", c.shortName())
                .param("kind", c.kind().name())
                .param("path", path.value())
                .param("depth", path.depth())
                .param("sort", c.sortOrder() == null ? 0 : c.sortOrder())
                .param("by", by)
                .update();
    }

    /** Optimistic: false when someone else changed the row since {@code version}. */
    boolean update(long id, int version, UnitCommand c) {
        return jdbc.sql("""
                        UPDATE unit SET code = :code, name = :name, short_name = :shortName,
                               sort_order = :sort, version = version + 1, updated_at = now()
                         WHERE id = :id AND version = :version
                        """)
                        .param("code", c.code())
                        .param("name", c.name())
                        .param("shortName", c.shortName())
                        .param("sort", c.sortOrder() == null ? 0 : c.sortOrder())
                        .param("id", id)
                        .param("version", version)
                        .update()
                == 1;
    }

    /** Re-roots a whole subtree in one statement. */
    void move(UnitPath from, UnitPath to, Long newParentId, long id) {
        jdbc.sql("UPDATE unit SET parent_id = :parent WHERE id = :id")
                .param("parent", newParentId)
                .param("id", id)
                .update();
        jdbc.sql("""
                UPDATE unit SET path = :to || substr(path, length(:from) + 1),
                       depth = depth + :shift
                 WHERE path >= :from AND path < :upper
                """)
                .param("to", to.value())
                .param("from", from.value())
                .param("shift", to.depth() - from.depth())
                .param("upper", from.upperBound())
                .update();
    }

    boolean setEnabled(long id, int version, boolean enabled) {
        return jdbc.sql("""
                        UPDATE unit SET enabled = :enabled, version = version + 1, updated_at = now()
                         WHERE id = :id AND version = :version
                        """)
                        .param("enabled", enabled)
                        .param("id", id)
                        .param("version", version)
                        .update()
                == 1;
    }

    List<Unit> children(long parentId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM unit u WHERE u.parent_id = :p ORDER BY u.sort_order, u.id")
                .param("p", parentId)
                .query(MAPPER)
                .list();
    }

    private static Unit map(ResultSet rs, int row) throws SQLException {
        Long parent = rs.getObject("parent_id", Long.class);
        return new Unit(
                rs.getLong("id"),
                parent,
                rs.getString("code"),
                rs.getString("name"),
                rs.getString("short_name"),
                UnitKind.valueOf(rs.getString("kind")),
                new UnitPath(rs.getString("path")),
                rs.getInt("sort_order"),
                rs.getBoolean("enabled"),
                rs.getInt("version"),
                rs.getTimestamp("created_at").toInstant());
    }
}
