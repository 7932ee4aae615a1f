package io.hpo4j.studies.cli;

import io.hpo4j.studies.storage.JdbcStorage;
import io.hpo4j.studies.storage.StorageLocations;
import io.hpo4j.tuner.storage.Storage;
import picocli.CommandLine.Option;

/** The {@code --storage} option shared by every command (a picocli mixin). */
final class StorageOption {

    @Option(names = "--storage", paramLabel = "JDBC_URL",
            description = "Database of studies (default: $HPO4J_STORAGE if set, else an H2 file in ~/.hpo4j). "
                    + "Any H2 JDBC URL, e.g. jdbc:h2:file:/tmp/my-studies")
    String url;

    /** The URL given, or the default one. */
    String resolve(String fromStudyFile) {
        if (url != null) {
            if (!url.strip().regionMatches(true, 0, "jdbc:", 0, 5)) {
                throw new IllegalArgumentException("--storage must be a JDBC URL, e.g. jdbc:h2:file:" + url.strip()
                        + " for an H2 database file at that path, but got '" + url + "'");
            }
            return url;
        }
        return fromStudyFile != null ? fromStudyFile : StorageLocations.defaultUrl();
    }

    Storage open() {
        String resolved = resolve(null);
        if (!resolved.strip().regionMatches(true, 0, "jdbc:h2:", 0, 8)) {
            throw new IllegalArgumentException("--storage: hpo opens H2 databases (jdbc:h2:file:PATH, jdbc:h2:tcp://HOST/PATH), "
                    + "but got '" + resolved + "'");
        }
        return JdbcStorage.open(resolved);
    }
}
