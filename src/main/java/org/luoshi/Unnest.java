package org.luoshi;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Many rows written by one statement: each column travels as one text array, and SQL unnests and
 * casts them back. A JDBC batch costs a round trip, a plan and every statement trigger's firing per
 * few dozen rows; a ten-thousand-row import paid that a few hundred times per table.
 *
 * <pre>
 * new Unnest("item_id bigint", "title text").add(7, "…").update(jdbc,
 *         "INSERT INTO t (item_id, title) SELECT item_id, title FROM {rows}");
 * </pre>
 *
 * {@code {rows}} becomes {@code unnest(…) AS u (item_id, title)}.
 */
public final class Unnest {

    private final String[] names;
    private final String[] types;
    private final List<List<String>> values = new ArrayList<>();

    /** Columns as {@code "name type"}, in the order {@link #add} takes their values. */
    public Unnest(String... columns) {
        names = new String[columns.length];
        types = new String[columns.length];
        for (int c = 0; c < columns.length; c++) {
            String[] nameType = columns[c].trim().split("\\s+", 2);
            names[c] = nameType[0];
            types[c] = nameType[1];
            values.add(new ArrayList<>());
        }
    }

    /** One row; a value is written as its text (a date as ISO, a number as digits), null as NULL. */
    public Unnest add(Object... row) {
        if (row.length != names.length) {
            throw new IllegalArgumentException(names.length + " columns, " + row.length + " values");
        }
        for (int c = 0; c < row.length; c++) {
            values.get(c).add(row[c] == null ? null : row[c].toString());
        }
        return this;
    }

    public int size() {
        return values.isEmpty() ? 0 : values.getFirst().size();
    }

    /** Runs {@code sql} with {@code {rows}} standing for the rows; nothing is run without rows. */
    public int update(JdbcClient jdbc, String sql) {
        return update(jdbc, sql, Map.of());
    }

    /** As {@link #update(JdbcClient, String)}, with named parameters besides the rows (one value each). */
    public int update(JdbcClient jdbc, String sql, Map<String, ?> params) {
        if (size() == 0) {
            return 0;
        }
        StringBuilder from = new StringBuilder("unnest(");
        for (int c = 0; c < names.length; c++) {
            from.append(c == 0 ? "" : ", ")
                    .append("CAST(:u")
                    .append(c)
                    .append(" AS ")
                    .append(types[c])
                    .append("[])");
        }
        from.append(") AS u (").append(String.join(", ", names)).append(')');
        JdbcClient.StatementSpec statement =
                jdbc.sql(sql.replace("{rows}", from)).params(params);
        for (int c = 0; c < names.length; c++) {
            statement = statement.param("u" + c, values.get(c).toArray(String[]::new));
        }
        return statement.update();
    }

    /**
     * A text[] value as one element of a text column ({@code CAST(tags AS text[])} in SQL): the
     * arrays of an unnest are flat, so an array per row travels as its literal.
     */
    public static String arrayLiteral(Collection<String> elements) {
        StringBuilder s = new StringBuilder("{");
        for (String e : elements) {
            s.append(s.length() == 1 ? "" : ",").append('"');
            for (int i = 0; i < e.length(); i++) {
                char ch = e.charAt(i);
                if (ch == '"' || ch == '\\') {
                    s.append('\\');
                }
                s.append(ch);
            }
            s.append('"');
        }
        return s.append('}').toString();
    }
}
