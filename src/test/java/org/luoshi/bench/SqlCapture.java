package org.luoshi.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The statements a running server sent to PostgreSQL while it answered some requests, read back from
 * PostgreSQL's own log with their parameters, so that the same SQL can be run bare through JDBC:
 * what a request costs beyond its database work is then the request's time less this.
 */
final class SqlCapture {

    private static final Pattern ENTRY =
            Pattern.compile("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d+ \\S+ \\[(\\d+)\\] (\\w+):  (.*)$");
    private static final Pattern EXECUTED =
            Pattern.compile("^duration: [\\d.]+ ms  (?:execute [^:]*|statement): (.*)$", Pattern.DOTALL);
    private static final Pattern PARAMETER = Pattern.compile("\\$(\\d+) = ('(?:[^']|'')*'|NULL)");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$(\\d+)(?!\\d)");

    /** One request's statements, in order, each with its parameters written in as literals. */
    record Request(List<String> statements) {}

    private SqlCapture() {}

    /**
     * Runs {@code requests} with every statement logged; returns what was run, cut into requests
     * where {@code first} (a piece of the statement each request begins with) occurs, each request
     * keeping what ran on its connection. A request that borrows a second connection is undercounted,
     * which can only make the bare SQL look quicker and the ratio worse.
     */
    static List<Request> during(Server s, String first, Runnable requests) throws Exception {
        Path log;
        long from;
        int self;
        try (Connection db = s.database();
                Statement st = db.createStatement()) {
            st.execute("ALTER SYSTEM SET log_line_prefix = '%m [%p] '");
            st.execute("ALTER SYSTEM SET log_min_duration_statement = 0");
            st.execute("SELECT pg_reload_conf()");
            try (ResultSet rs = st.executeQuery(
                    "SELECT current_setting('data_directory'), pg_current_logfile()," + " pg_backend_pid()")) {
                rs.next();
                log = Path.of(rs.getString(1)).resolve(rs.getString(2));
                self = rs.getInt(3);
            }
            Thread.sleep(500); // every backend reads the new setting before its next command
            from = log.toFile().length();
            try {
                requests.run();
            } finally {
                st.execute("ALTER SYSTEM RESET log_min_duration_statement");
                st.execute("ALTER SYSTEM RESET log_line_prefix");
                st.execute("SELECT pg_reload_conf()");
            }
        }
        return parse(read(log, from), self, first);
    }

    private static List<String> read(Path log, long from) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            byte[] bytes = new byte[(int) Math.max(0, f.length() - from)];
            f.seek(from);
            f.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8).lines().toList();
        }
    }

    static List<Request> parse(List<String> lines, int excludedPid, String first) {
        // entries: pid, level, message (continuation lines appended)
        List<String[]> entries = new ArrayList<>();
        for (String line : lines) {
            Matcher m = ENTRY.matcher(line);
            if (m.matches()) {
                entries.add(new String[] {m.group(1), m.group(2), m.group(3)});
            } else if (!entries.isEmpty()) {
                String[] last = entries.getLast();
                last[2] = last[2] + "\n" + line;
            }
        }
        List<Request> requests = new ArrayList<>();
        List<String> current = null;
        String pid = null; // the request's connection: background jobs (the audit chainer) run on others
        String[] pending = null; // the last statement: its parameters may follow as DETAIL
        for (String[] e : entries) {
            if (e[0].equals(String.valueOf(excludedPid))) {
                continue;
            }
            boolean starts = e[1].equals("LOG") && e[2].contains(first);
            if (!starts && !e[0].equals(pid)) {
                continue;
            }
            if (e[1].equals("DETAIL") && pending != null && e[2].startsWith("Parameters: ")) {
                pending[0] = bind(pending[0], e[2]);
                continue;
            }
            Matcher m = EXECUTED.matcher(e[2]);
            if (!e[1].equals("LOG") || !m.matches()) {
                continue;
            }
            if (pending != null && current != null) {
                current.add(pending[0]);
            }
            String sql = m.group(1);
            if (starts) {
                current = new ArrayList<>();
                requests.add(new Request(current));
                pid = e[0];
            }
            pending = new String[] {sql};
        }
        if (pending != null && current != null) {
            current.add(pending[0]);
        }
        return requests;
    }

    private static String bind(String sql, String detail) {
        List<String> values = new ArrayList<>();
        Matcher p = PARAMETER.matcher(detail);
        while (p.find()) {
            int n = Integer.parseInt(p.group(1));
            while (values.size() < n) {
                values.add("NULL");
            }
            values.set(n - 1, p.group(2));
        }
        Matcher m = PLACEHOLDER.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int n = Integer.parseInt(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(n <= values.size() ? values.get(n - 1) : m.group()));
        }
        return m.appendTail(out).toString();
    }

    /** Runs a request's statements one after another on one connection; nanoseconds taken. */
    static long replay(Connection db, Request request) throws Exception {
        long t0 = System.nanoTime();
        try (Statement st = db.createStatement()) {
            for (String sql : request.statements()) {
                if (st.execute(sql)) {
                    try (ResultSet rs = st.getResultSet()) {
                        int columns = rs.getMetaData().getColumnCount();
                        while (rs.next()) {
                            for (int c = 1; c <= columns; c++) {
                                rs.getObject(c);
                            }
                        }
                    }
                }
            }
        }
        return System.nanoTime() - t0;
    }
}
