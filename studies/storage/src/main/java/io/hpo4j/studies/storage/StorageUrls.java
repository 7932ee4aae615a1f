package io.hpo4j.studies.storage;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The kinds of JDBC URL a {@link JdbcStorage} opens, and how a URL is shown: always with its
 * password masked.
 *
 * <ul>
 *   <li>{@link Kind#H2_MEMORY} {@code jdbc:h2:mem:name} — one JVM, gone when closed (tests);</li>
 *   <li>{@link Kind#H2_FILE} {@code jdbc:h2:file:/path} (or {@code jdbc:h2:~/...}) — the default,
 *       shared with other processes on the same machine through H2's automatic mixed mode;</li>
 *   <li>{@link Kind#H2_SERVER} {@code jdbc:h2:tcp://host:port/name} — an H2 server such as
 *       {@code hpo server} starts;</li>
 *   <li>{@link Kind#POSTGRESQL} {@code jdbc:postgresql://host:port/database} — for workers on
 *       several machines.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class StorageUrls {

    /** What a URL points at. */
    public enum Kind {
        H2_MEMORY, H2_FILE, H2_SERVER, POSTGRESQL;

        /** Whether the database is reached over a network connection that can break and come back. */
        public boolean isServer() {
            return this == H2_SERVER || this == POSTGRESQL;
        }
    }

    static final String POSTGRESQL_PREFIX = "jdbc:postgresql:";

    /** {@code PASSWORD=...} in an H2 URL, {@code password=...} in a PostgreSQL query string. */
    private static final Pattern PASSWORD_SETTING = Pattern.compile("(?i)([;?&]\\s*password\\s*=)[^;&]*");
    /** {@code //user:secret@host} */
    private static final Pattern USER_INFO = Pattern.compile("(//[^/:@;?]*:)[^@/;?]*@");

    private StorageUrls() {
    }

    /**
     * The kind of {@code url}.
     *
     * @throws IllegalArgumentException naming the URL (masked) if it is neither an H2 nor a
     *                                  PostgreSQL JDBC URL, or is an H2 URL hpo4j cannot place
     */
    public static Kind kind(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("a storage URL must not be blank, but got '" + url + "'");
        }
        String u = url.strip();
        if (u.regionMatches(true, 0, POSTGRESQL_PREFIX, 0, POSTGRESQL_PREFIX.length())) {
            return Kind.POSTGRESQL;
        }
        if (H2Urls.isH2(u)) {
            String rest = u.substring(H2Urls.PREFIX.length()).toLowerCase(Locale.ROOT);
            if (rest.startsWith("mem:")) {
                return Kind.H2_MEMORY;
            }
            if (rest.startsWith("tcp:") || rest.startsWith("ssl:")) {
                return Kind.H2_SERVER;
            }
            if (H2Urls.databaseFile(u).isPresent()) {
                return Kind.H2_FILE;
            }
            throw new IllegalArgumentException("storage URL '" + redacted(u) + "': expected jdbc:h2:file:/path, jdbc:h2:mem:name"
                    + " or jdbc:h2:tcp://host:port/name");
        }
        throw new IllegalArgumentException("storage URL '" + redacted(u) + "': expected an H2 URL (jdbc:h2:file:/path,"
                + " jdbc:h2:tcp://host:port/name) or a PostgreSQL URL (jdbc:postgresql://host:port/database)");
    }

    /**
     * {@code url} as a person reads it in output that must fit a terminal line: {@link #redacted},
     * and without the options hpo4j adds to every H2 file URL ({@code AUTO_SERVER=TRUE},
     * {@code WRITE_DELAY=0}, ...) where they have their default values.
     *
     * <pre>{@code
     * StorageUrls.shown("jdbc:h2:file:/data/studies;AUTO_SERVER=TRUE;WRITE_DELAY=0")   // jdbc:h2:file:/data/studies
     * }</pre>
     */
    public static String shown(String url) {
        return url == null ? null : redacted(H2Urls.withoutDefaults(url));
    }

    /** {@code url} with any password in it replaced by {@code ***}, for messages and logs. */
    public static String redacted(String url) {
        if (url == null) {
            return null;
        }
        String masked = PASSWORD_SETTING.matcher(url).replaceAll("$1***");
        return USER_INFO.matcher(masked).replaceAll("$1***@");
    }
}
