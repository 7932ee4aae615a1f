package io.hpo4j.studies.storage;

import io.hpo4j.tuner.storage.StorageException;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs one read-only SQL query against an H2 storage, for {@code hpo sql}.
 *
 * <pre>{@code
 * QueryResult r = ReadOnlyQuery.run("jdbc:h2:file:/data/studies", Map.of("study", "mnist-demo"),
 *         "SELECT number, verdict FROM trial_overview WHERE study = @study", 100);
 * }</pre>
 *
 * <h2>Read-only, in four layers</h2>
 * H2 ignores {@link Connection#setReadOnly} (the JDBC spec makes it a hint) and has no read-only
 * session, so:
 * <ol>
 *   <li>the text must be a single statement that starts with {@code SELECT} or {@code WITH}
 *       (comments and string literals are skipped when looking for {@code ;});</li>
 *   <li>the prepared statement must be a query (return rows);</li>
 *   <li>it runs as {@value #READER}, a database user with {@code SELECT} rights on the tables and
 *       no admin rights: writes, DDL and admin functions such as {@code CSVWRITE} or
 *       {@code FILE_WRITE} fail with "Not enough rights" / "Admin rights are required". The user is
 *       created once, by the schema migration to version 3, with an empty password: anyone who can
 *       open the file may log in as it, and can only read what they could read anyway. A query
 *       therefore writes nothing, not even a user or a password;</li>
 *   <li>the transaction is always rolled back.</li>
 * </ol>
 * Variables are set as H2 session variables before the query runs: {@code Map.of("study", "x")}
 * makes {@code @study} usable in it.
 *
 * <p>Errors in the query (syntax, unknown table or column, bad data, not enough rights) are
 * {@link IllegalArgumentException}s with H2's one-line explanation; other database failures are
 * {@link StorageException}s. Stateless and thread-safe.
 */
public final class ReadOnlyQuery {

    /** The database user queries run as: SELECT rights only. */
    public static final String READER = "HPO4J_READER";


    private ReadOnlyQuery() {
    }

    /**
     * Runs {@code sql} and returns at most {@code maxRows} rows.
     *
     * @param jdbcUrl   the storage's H2 URL, as given to {@link JdbcStorage#open(String)}
     * @param variables session variables to set first ({@code @name}), strings or numbers
     * @throws IllegalArgumentException if the text is not one query, or the database rejects it
     * @throws StorageException         if the database cannot be reached
     */
    public static QueryResult run(String jdbcUrl, Map<String, ?> variables, String sql, int maxRows) {
        if (maxRows < 1) {
            throw new IllegalArgumentException("--max-rows must be >= 1, but got " + maxRows);
        }
        String statement = singleQuery(sql);
        if (jdbcUrl == null || !H2Urls.isH2(jdbcUrl.strip())) {
            throw new IllegalArgumentException("read-only queries need an H2 URL (jdbc:h2:...), but got '" + jdbcUrl + "'");
        }
        String url = H2Urls.withDefaults(jdbcUrl.strip());
        try (Connection c = readerConnection(url)) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            try {
                for (Map.Entry<String, ?> v : variables.entrySet()) {
                    if (!v.getKey().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                        throw new IllegalArgumentException("variable names are identifiers, but got '" + v.getKey() + "'");
                    }
                    try (PreparedStatement p = c.prepareStatement("SET @" + v.getKey() + " = ?")) {
                        p.setObject(1, v.getValue());
                        p.execute();
                    }
                }
                return query(c, statement, maxRows);
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            if (isQueryError(e)) {
                throw new IllegalArgumentException(firstLine(e.getMessage()), e);
            }
            throw new StorageException("could not run the query on the storage at " + H2Urls.redacted(url) + ": "
                    + firstLine(e.getMessage()), e);
        }
    }

    private static QueryResult query(Connection c, String sql, int maxRows) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            ResultSetMetaData meta = p.getMetaData();
            if (meta == null) {
                throw new IllegalArgumentException("only queries are run (SELECT or WITH), but this statement returns no rows");
            }
            p.setMaxRows(maxRows + 1);
            try (ResultSet r = p.executeQuery()) {
                ResultSetMetaData m = r.getMetaData();
                List<String> columns = new ArrayList<>();
                for (int i = 1; i <= m.getColumnCount(); i++) {
                    String label = m.getColumnLabel(i);
                    columns.add(label.equals(label.toUpperCase(Locale.ROOT)) ? label.toLowerCase(Locale.ROOT) : label);
                }
                List<List<Object>> rows = new ArrayList<>();
                boolean truncated = false;
                while (r.next()) {
                    if (rows.size() == maxRows) {
                        truncated = true;
                        break;
                    }
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= columns.size(); i++) {
                        row.add(plain(r.getObject(i)));
                    }
                    rows.add(row);
                }
                return new QueryResult(columns, rows, truncated);
            }
        }
    }

    /**
     * The statement, without a trailing semicolon, if {@code sql} is exactly one statement starting
     * with SELECT or WITH (possibly after parentheses).
     *
     * @throws IllegalArgumentException otherwise, saying what was found
     */
    static String singleQuery(String sql) {
        if (sql == null || sql.isBlank()) {
            throw new IllegalArgumentException("the query is empty; give one SELECT statement, e.g. "
                    + "\"SELECT number, verdict FROM trial_overview WHERE study = @study\"");
        }
        List<Piece> statements = new ArrayList<>();
        StringBuilder code = new StringBuilder(); // the current statement with comments and literals blanked
        int start = 0;
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char ch = sql.charAt(i);
            if (ch == '\'' || ch == '"') {
                int end = sql.indexOf(ch, i + 1);
                while (end >= 0 && end + 1 < n && sql.charAt(end + 1) == ch) {
                    end = sql.indexOf(ch, end + 2);
                }
                if (end < 0) {
                    throw new IllegalArgumentException("the query has an unterminated " + (ch == '\'' ? "string" : "quoted name")
                            + " starting at character " + (i + 1));
                }
                code.append(' ');
                i = end + 1;
            } else if (ch == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
                code.append(' ');
            } else if (ch == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                if (end < 0) {
                    throw new IllegalArgumentException("the query has an unterminated /* comment starting at character " + (i + 1));
                }
                i = end + 2;
                code.append(' ');
            } else if (ch == ';') {
                Piece.add(statements, sql.substring(start, i), code);
                i++;
                start = i;
            } else {
                code.append(ch);
                i++;
            }
        }
        Piece.add(statements, sql.substring(start), code);
        if (statements.size() != 1) {
            throw new IllegalArgumentException("one statement is run at a time, but the query has " + statements.size()
                    + " (separated by ';')");
        }
        Piece only = statements.get(0);
        String firstWord = only.code().strip().replaceFirst("^[(\\s]+", "").split("[\\s(]", 2)[0].toUpperCase(Locale.ROOT);
        if (!firstWord.equals("SELECT") && !firstWord.equals("WITH")) {
            throw new IllegalArgumentException("queries are read-only: one SELECT (or WITH ... SELECT) statement, but got a "
                    + (firstWord.isEmpty() ? "statement" : firstWord + " statement"));
        }
        return only.text();
    }

    /** A statement's text, and its code: the text with comments and quoted parts blanked out. */
    private record Piece(String text, String code) {

        static void add(List<Piece> statements, String text, StringBuilder code) {
            if (!code.toString().isBlank()) {
                statements.add(new Piece(text.strip(), code.toString()));
            }
            code.setLength(0);
        }
    }

    /**
     * Settings of a URL that a user without admin rights may give when connecting: how to find and
     * open the database, and session settings. Database settings such as {@code WRITE_DELAY} run as
     * {@code SET} statements that need admin rights, so the reader's URL leaves them out.
     */
    static final java.util.Set<String> READER_SETTINGS = java.util.Set.of("AUTO_SERVER", "AUTO_SERVER_PORT", "AUTO_RECONNECT",
            "FILE_LOCK", "IFEXISTS", "FORBID_CREATION", "ACCESS_MODE_DATA", "CIPHER", "MODE", "DB_CLOSE_ON_EXIT",
            "LOCK_TIMEOUT", "NON_KEYWORDS", "DATABASE_TO_UPPER", "DATABASE_TO_LOWER", "CASE_INSENSITIVE_IDENTIFIERS",
            "TIME ZONE", "SCHEMA");

    /** The URL without credentials and without the settings a reader may not give. */
    static String readerUrl(String url) {
        String[] parts = H2Urls.withoutCredentials(url).split(";", -1);
        StringBuilder sb = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            String key = (eq < 0 ? parts[i] : parts[i].substring(0, eq)).strip().toUpperCase(Locale.ROOT);
            if (READER_SETTINGS.contains(key)) {
                sb.append(';').append(parts[i]);
            }
        }
        return sb.toString();
    }

    /**
     * A connection as {@value #READER}, which the schema migration created once (version 3) with
     * SELECT rights only; logging in writes nothing.
     */
    private static Connection readerConnection(String url) throws SQLException {
        try {
            return DriverManager.getConnection(readerUrl(url), READER, "");
        } catch (SQLException e) {
            if ("28000".equals(e.getSQLState())) {
                throw new StorageException("the storage at " + H2Urls.redacted(url) + " has no read-only user " + READER
                        + "; open it once with this hpo4j (hpo studies) to upgrade its schema", e);
            }
            throw e;
        }
    }

    private static boolean isQueryError(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("42") || state.startsWith("22") || state.equals("90096")
                || state.equals("90040") || state.equals("90022") || state.equals("90008"));
    }

    private static Object plain(Object value) {
        if (value == null || value instanceof Number || value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Object[] array) {
            return java.util.Arrays.toString(array);
        }
        if (value instanceof byte[] bytes) {
            return HexFormat.of().formatHex(bytes);
        }
        return value.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        String line = message.lines().findFirst().orElse(message).strip();
        return line.endsWith("; SQL statement:") ? line.substring(0, line.length() - "; SQL statement:".length()) : line;
    }
}
