package io.hpo4j.studies.storage;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What hpo4j knows about H2 URLs, in one place: the options it adds to embedded database files,
 * where such a file lives, and the user and password a URL may carry.
 *
 * <p>Options added to an embedded file URL ({@code jdbc:h2:file:...}, {@code jdbc:h2:~/...},
 * {@code jdbc:h2:/...}, {@code jdbc:h2:./...}) when the URL does not set them itself:
 * <ul>
 *   <li>{@code AUTO_SERVER=TRUE}: a second process opens the same file through the first one
 *       (automatic mixed mode). Not added when the URL sets {@code DB_CLOSE_ON_EXIT} or
 *       {@code FILE_LOCK}: H2 2.x refuses {@code AUTO_SERVER=TRUE} together with
 *       {@code DB_CLOSE_ON_EXIT=FALSE} ("Feature not supported") and with file locks other than
 *       the default.</li>
 *   <li>{@code WRITE_DELAY=0}: every commit reaches the file before the call returns. With H2's
 *       default (500 ms) a process that dies loses the commits of its last half second.</li>
 *   <li>{@code LOCK_TIMEOUT=10000}: writers wait up to 10 s for a row another writer holds (the
 *       study row while a trial number is allocated, say) instead of H2's default of 2 s.</li>
 *   <li>{@code MAX_COMPACT_TIME=2000}: up to 2 s of compaction when the database closes. Each commit
 *       ({@code WRITE_DELAY=0}) appends a chunk to the file; with H2's default of 200 ms a study of
 *       1,000 trials left a file of 3-14 MB, with 2 s about 1.4 MB.</li>
 *   <li>{@code QUERY_CACHE_SIZE=64}: prepared statements kept parsed per connection. A trial runs
 *       more distinct statements than H2's default of 8 holds, and parsing them again was about a
 *       third of the CPU a no-op trial costs.</li>
 * </ul>
 * In-memory ({@code mem:}) and server ({@code tcp:}, {@code ssl:}) URLs are left as they are.
 */
final class H2Urls {

    static final String PREFIX = "jdbc:h2:";

    /** The options added to embedded file URLs, in the order they are appended. */
    static final List<Map.Entry<String, String>> FILE_DEFAULTS = List.of(
            Map.entry("AUTO_SERVER", "TRUE"),
            Map.entry("WRITE_DELAY", "0"),
            Map.entry("LOCK_TIMEOUT", "10000"),
            Map.entry("MAX_COMPACT_TIME", "2000"),
            Map.entry("QUERY_CACHE_SIZE", "64"));

    private static final String DEFAULT_USER = "sa";

    private H2Urls() {
    }

    static boolean isH2(String url) {
        return url.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    }

    /** The URL with the options above added where it lacks them. */
    static String withDefaults(String url) {
        if (!isH2(url) || databaseFile(url).isEmpty()) {
            return url;
        }
        Map<String, String> settings = settings(url);
        StringBuilder sb = new StringBuilder(url);
        for (Map.Entry<String, String> option : FILE_DEFAULTS) {
            String key = option.getKey();
            if (settings.containsKey(key)) {
                continue;
            }
            if (key.equals("AUTO_SERVER") && (settings.containsKey("DB_CLOSE_ON_EXIT") || settings.containsKey("FILE_LOCK"))) {
                continue;
            }
            if (sb.charAt(sb.length() - 1) != ';') {
                sb.append(';');
            }
            sb.append(key).append('=').append(option.getValue());
        }
        return sb.toString();
    }

    /**
     * The database file's path without H2's suffix ({@code .mv.db}), for an embedded file URL; empty
     * for in-memory and server URLs and for file-system prefixes hpo4j does not interpret
     * ({@code nio:}, {@code split:}...). A leading {@code ~} is the user's home directory, as for H2.
     */
    static Optional<Path> databaseFile(String url) {
        if (!isH2(url)) {
            return Optional.empty();
        }
        String name = base(url).substring(PREFIX.length());
        if (name.regionMatches(true, 0, "file:", 0, 5)) {
            name = name.substring(5);
        } else if (!looksLikePath(name)) {
            return Optional.empty();
        }
        if (name.equals("~") || name.startsWith("~/") || name.startsWith("~\\")) {
            name = System.getProperty("user.home") + name.substring(1);
        }
        return name.isEmpty() ? Optional.empty() : Optional.of(Path.of(name));
    }

    /** The {@code USER} setting of the URL, or {@code sa}. */
    static String user(String url) {
        return settings(url).getOrDefault("USER", DEFAULT_USER);
    }

    /** The {@code PASSWORD} setting of the URL, or empty. */
    static String password(String url) {
        return settings(url).getOrDefault("PASSWORD", "");
    }

    /** The URL without its {@code USER} and {@code PASSWORD} settings (H2 refuses them twice). */
    static String withoutCredentials(String url) {
        String[] parts = url.split(";", -1);
        StringBuilder sb = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            String key = key(parts[i]);
            if (!key.equals("USER") && !key.equals("PASSWORD") && !parts[i].isBlank()) {
                sb.append(';').append(parts[i]);
            }
        }
        return sb.toString();
    }

    /** The URL without the options of {@link #FILE_DEFAULTS} that have their default values: what a person typed. */
    static String withoutDefaults(String url) {
        if (!isH2(url)) {
            return url;
        }
        String[] parts = url.split(";", -1);
        StringBuilder sb = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i];
            int eq = part.indexOf('=');
            String value = eq < 0 ? "" : part.substring(eq + 1).strip();
            boolean isDefault = FILE_DEFAULTS.stream().anyMatch(d -> d.getKey().equals(key(part)) && d.getValue().equalsIgnoreCase(value));
            if (!isDefault && !part.isBlank()) {
                sb.append(';').append(part);
            }
        }
        return sb.toString();
    }

    /** The URL with its password masked, for messages. */
    static String redacted(String url) {
        return url.replaceAll("(?i)(;\\s*PASSWORD\\s*=)[^;]*", "$1***");
    }

    static Map<String, String> settings(String url) {
        Map<String, String> settings = new LinkedHashMap<>();
        String[] parts = url.split(";");
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq > 0) {
                settings.put(key(parts[i]), parts[i].substring(eq + 1).strip());
            }
        }
        return settings;
    }

    private static String key(String setting) {
        int eq = setting.indexOf('=');
        return (eq < 0 ? setting : setting.substring(0, eq)).strip().toUpperCase(Locale.ROOT);
    }

    private static String base(String url) {
        int semicolon = url.indexOf(';');
        return semicolon < 0 ? url : url.substring(0, semicolon);
    }

    private static boolean looksLikePath(String name) {
        return name.startsWith("~") || name.startsWith("/") || name.startsWith("./") || name.startsWith(".\\")
                || name.startsWith("../") || name.matches("(?i)[a-z]:[/\\\\].*");
    }
}
