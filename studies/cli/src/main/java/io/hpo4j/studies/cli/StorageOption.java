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
            return url;
        }
        return fromStudyFile != null ? fromStudyFile : StorageLocations.defaultUrl();
    }

    JdbcStorage open() {
        return JdbcStorage.open(resolve(null));
    }
}
