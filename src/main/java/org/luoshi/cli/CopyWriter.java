package org.luoshi.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;

/**
 * Rows for one table in COPY's text format, spooled to a temporary file and sent when closed: a
 * connection carries one COPY at a time, and the generator writes several tables side by side.
 */
final class CopyWriter implements AutoCloseable {

    private final Connection connection;
    private final String sql;
    private final Path spool;
    private final BufferedWriter out;
    private final StringBuilder line = new StringBuilder(512);
    private long rows;

    CopyWriter(Connection connection, String table, String columns) throws SQLException {
        this.connection = connection;
        this.sql = "COPY " + table + " (" + columns + ") FROM STDIN";
        try {
            this.spool = Files.createTempFile("luoshi-" + table + "-", ".copy");
            this.out = Files.newBufferedWriter(spool, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SQLException("cannot spool " + table, e);
        }
    }

    /** One row's fields in column order; null is SQL NULL. */
    CopyWriter row(Object... fields) {
        line.setLength(0);
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                line.append('\t');
            }
            Object f = fields[i];
            if (f == null) {
                line.append("\\N");
            } else {
                escape(f.toString());
            }
        }
        line.append('\n');
        try {
            out.append(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rows++;
        return this;
    }

    long rows() {
        return rows;
    }

    private void escape(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> line.append("\\\\");
                case '\t' -> line.append("\\t");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                default -> line.append(c);
            }
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            out.close();
            try (Reader in = Files.newBufferedReader(spool, StandardCharsets.UTF_8)) {
                connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, in, 1 << 20);
            }
        } catch (IOException e) {
            throw new SQLException(sql + " failed", e);
        } finally {
            try {
                Files.deleteIfExists(spool);
            } catch (IOException ignored) {
                // a temporary file left behind is the operating system's to clean
            }
        }
    }
}
