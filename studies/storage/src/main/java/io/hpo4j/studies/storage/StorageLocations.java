package io.hpo4j.studies.storage;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where studies are stored when nobody says otherwise.
 *
 * <p>The default is an H2 database file in the user's home directory,
 * {@code jdbc:h2:file:<home>/.hpo4j/studies;AUTO_SERVER=TRUE;WRITE_DELAY=0;LOCK_TIMEOUT=10000;MAX_COMPACT_TIME=2000;QUERY_CACHE_SIZE=64},
 * unless the environment variable {@value #ENV_VARIABLE} holds a JDBC URL. {@code AUTO_SERVER}
 * lets a second process, {@code hpo studies} while {@code hpo run} trains, open the same file: the
 * first process serves it to the others over a local socket. {@code WRITE_DELAY=0} puts every
 * commit in the file at once. {@code DB_CLOSE_ON_EXIT=FALSE} is deliberately absent: H2 2.3
 * refuses it together with {@code AUTO_SERVER=TRUE}.
 *
 * <pre>{@code
 * try (JdbcStorage storage = JdbcStorage.open(StorageLocations.defaultUrl())) {
 *     storage.studies().forEach(System.out::println);
 * }
 * }</pre>
 *
 * <p>Thread-safe (stateless).
 */
public final class StorageLocations {

    /** The environment variable that overrides the default storage URL. */
    public static final String ENV_VARIABLE = "HPO4J_STORAGE";

    private StorageLocations() {
    }

    /** {@value #ENV_VARIABLE} if set and not blank, otherwise the H2 file under {@code ~/.hpo4j}. */
    public static String defaultUrl() {
        return defaultUrl(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** The default URL for the given environment and home directory (for tests and launchers). */
    public static String defaultUrl(Map<String, String> environment, Path userHome) {
        String configured = environment.get(ENV_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        return defaultH2Url(userHome);
    }

    /** The H2 file {@code <home>/.hpo4j/studies} with the options hpo4j needs. */
    public static String defaultH2Url(Path userHome) {
        Path file = userHome.toAbsolutePath().resolve(".hpo4j").resolve("studies");
        return H2Urls.withDefaults("jdbc:h2:file:" + file);
    }
}
