package org.luoshi.database;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A whole database in one file and back, without pg_dump (the embedded server ships none): every
 * table as PostgreSQL's binary COPY, read in one repeatable-read snapshot so a backup taken while
 * the platform runs is consistent; the sequences; and a manifest naming the schema version and
 * each table's row count. Restoring needs an empty database of that schema version and a
 * superuser connection (triggers and foreign keys are held off while the rows go in, as pg_restore
 * does), and lands whole or not at all.
 */
@Component
public class Backups {

    static final int FORMAT = 1;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Sessions are where a browser was, not data: a restored platform asks everyone to sign in again. */
    private static final Set<String> SKIPPED =
            Set.of("flyway_schema_history", "spring_session", "spring_session_attributes");

    private final DataSource dataSource;

    Backups(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public record Table(String name, long rows) {}

    public record Manifest(
            int format, String schemaVersion, String taken, List<Table> tables, Map<String, Long> sequences) {
        public long rows() {
            return tables.stream().mapToLong(Table::rows).sum();
        }
    }

    /** Writes the database to {@code file} (through a temporary file, so a failed backup leaves none). */
    public Manifest backup(Path file) {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            Manifest manifest;
            try (OutputStream out = Files.newOutputStream(partial);
                    ZipOutputStream zip = new ZipOutputStream(out)) {
                CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
                List<Table> tables = new ArrayList<>();
                for (String table : tables(c)) {
                    zip.putNextEntry(new ZipEntry("tables/" + table + ".copy"));
                    long rows = copy.copyOut("COPY " + quote(table) + " TO STDOUT (FORMAT binary)", kept(zip));
                    zip.closeEntry();
                    tables.add(new Table(table, rows));
                }
                manifest = new Manifest(FORMAT, schemaVersion(c), Instant.now().toString(), tables, sequences(c));
                zip.putNextEntry(new ZipEntry("manifest.json"));
                zip.write(JSON.writeValueAsBytes(manifest));
                zip.closeEntry();
            }
            c.commit();
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return manifest;
        } catch (SQLException | IOException e) {
            deleteQuietly(partial);
            throw new IllegalStateException("备份失败：" + e.getMessage(), e);
        }
    }

    /** The schema version a backup file was taken at, read before a database is opened for it. */
    public static String schemaVersionOf(Path file) {
        return manifest(file).get("schemaVersion").asString();
    }

    /** Loads {@code file} into this (empty) database in one transaction. */
    public Manifest restore(Path file) {
        JsonNode m = manifest(file);
        if (m.get("format").asInt() != FORMAT) {
            throw new IllegalStateException("不认识的备份格式 " + m.get("format").asInt());
        }
        try (Connection c = dataSource.getConnection();
                ZipFile zip = new ZipFile(file.toFile())) {
            c.setAutoCommit(false);
            String version = schemaVersion(c);
            if (!version.equals(m.get("schemaVersion").asString())) {
                throw new IllegalStateException("数据库的结构版本 " + version + " 与备份的 "
                        + m.get("schemaVersion").asString() + " 不同");
            }
            if (count(c, "account") > 0 || count(c, "item") > 0) {
                throw new IllegalStateException("目标数据库已有账户或事项：只能恢复到空数据库（新建一个数据库或新的 --data 目录）");
            }
            try (Statement s = c.createStatement()) {
                // as pg_restore does: no triggers, no foreign-key checks while rows go in (superuser only)
                s.execute("SET LOCAL session_replication_role = replica");
            } catch (SQLException e) {
                throw new IllegalStateException("恢复需要数据库超级用户的连接（外部数据库请用 pg_dump / pg_restore）：" + e.getMessage(), e);
            }
            List<String> names = new ArrayList<>();
            m.get("tables").forEach(t -> names.add(quote(t.get("name").asString())));
            try (Statement s = c.createStatement()) {
                // migrations seed some tables (the policy, the chain head): the backup's rows replace them
                s.execute("TRUNCATE " + String.join(", ", names));
            }
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            List<Table> tables = new ArrayList<>();
            for (JsonNode t : m.get("tables")) {
                String table = t.get("name").asString();
                ZipEntry entry = zip.getEntry("tables/" + table + ".copy");
                if (entry == null) {
                    throw new IllegalStateException("备份文件缺少表 " + table);
                }
                long rows;
                try (InputStream in = zip.getInputStream(entry)) {
                    rows = copy.copyIn("COPY " + quote(table) + " FROM STDIN (FORMAT binary)", in);
                }
                if (rows != t.get("rows").asLong()) {
                    throw new IllegalStateException("表 " + table + " 读入 " + rows + " 行，备份记载为 "
                            + t.get("rows").asLong() + " 行");
                }
                tables.add(new Table(table, rows));
            }
            Map<String, Long> sequences = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> s : m.get("sequences").properties()) {
                try (var ps = c.prepareStatement("SELECT setval(?::regclass, ?, true)")) {
                    ps.setString(1, quote(s.getKey()));
                    ps.setLong(2, s.getValue().asLong());
                    ps.execute();
                }
                sequences.put(s.getKey(), s.getValue().asLong());
            }
            c.commit();
            return new Manifest(FORMAT, version, m.get("taken").asString(), tables, sequences);
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("恢复失败，数据库未改动：" + e.getMessage(), e);
        }
    }

    private static JsonNode manifest(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry entry = zip.getEntry("manifest.json");
            if (entry == null) {
                throw new IllegalStateException(file + " 不是落实的备份文件（没有 manifest.json）");
            }
            try (InputStream in = zip.getInputStream(entry)) {
                return JSON.readTree(in);
            }
        } catch (IOException e) {
            throw new IllegalStateException("无法读取备份文件 " + file + "：" + e.getMessage(), e);
        }
    }

    private static List<String> tables(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("""
                        SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                         WHERE n.nspname = current_schema() AND c.relkind = 'r' ORDER BY c.relname
                        """)) {
            while (rs.next()) {
                if (!SKIPPED.contains(rs.getString(1))) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    /** Each sequence's last value; one never used is left out and starts afresh. */
    private static Map<String, Long> sequences(Connection c) throws SQLException {
        Map<String, Long> values = new LinkedHashMap<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("""
                        SELECT sequencename, last_value FROM pg_sequences
                         WHERE schemaname = current_schema() AND last_value IS NOT NULL ORDER BY sequencename
                        """)) {
            while (rs.next()) {
                values.put(rs.getString(1), rs.getLong(2));
            }
        }
        return values;
    }

    private static String schemaVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT version FROM flyway_schema_history WHERE success AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1")) {
            if (!rs.next()) {
                throw new IllegalStateException("数据库尚未建立结构");
            }
            return rs.getString(1);
        }
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** The zip stream stays open when COPY closes what it was given. */
    private static OutputStream kept(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
