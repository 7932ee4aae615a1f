package io.hpo4j.studies.cli;

import io.hpo4j.studies.storage.Credentials;
import io.hpo4j.studies.storage.JdbcStorage;
import io.hpo4j.studies.storage.StorageLocations;
import io.hpo4j.studies.storage.StorageUrls;
import io.hpo4j.tuner.storage.Storage;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * The {@code --storage} and {@code --password-file} options shared by every command (a picocli
 * mixin). Passwords never go on the command line: they come from {@code --password-file}, or
 * the environment ({@code HPO_DB_PASSWORD}, {@code PGPASSWORD}, {@code ~/.pgpass}).
 */
final class StorageOption {

    @Option(names = "--storage", paramLabel = "JDBC_URL",
            description = "Database of studies (default: $HPO4J_STORAGE if set, else an H2 file in ~/.hpo4j): "
                    + "jdbc:h2:file:/path, jdbc:h2:tcp://host:port/name (hpo server) or jdbc:postgresql://host:port/db. "
                    + "User and password from $HPO_DB_USER and $HPO_DB_PASSWORD (or PGUSER, PGPASSWORD, ~/.pgpass) or --password-file.")
    String url;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "A file whose first line is the database password (instead of $HPO_DB_PASSWORD).")
    Path passwordFile;

    /** The URL given, or the default one. */
    String resolve(String fromStudyFile) {
        if (url != null) {
            if (url.isBlank()) {   // e.g. --storage "$UNSET_VARIABLE"
                throw new IllegalArgumentException("--storage is empty; give a JDBC URL, e.g. jdbc:h2:file:/data/studies, "
                        + "or leave the option out for the default storage");
            }
            if (!url.strip().regionMatches(true, 0, "jdbc:", 0, 5)) {
                throw new IllegalArgumentException("--storage must be a JDBC URL, e.g. jdbc:h2:file:" + url.strip()
                        + " for an H2 database file at that path, but got '" + url + "'");
            }
            return url;
        }
        return fromStudyFile != null ? fromStudyFile : StorageLocations.defaultUrl();
    }

    /** {@link #resolve} as {@link StorageUrls#shown} shows it: password masked, hpo4j's default H2 options left out. */
    String shown(String fromStudyFile) {
        return StorageUrls.shown(resolve(fromStudyFile));
    }

    /** Settings to open the resolved URL with the credentials of the environment or the password file. */
    JdbcStorage.Builder builder(String fromStudyFile) {
        String resolved = resolve(fromStudyFile);
        return JdbcStorage.builder(resolved).credentials(Credentials.resolve(resolved, System.getenv(), passwordFile));
    }

    /** Opens an existing storage for a command that reads: a missing H2 file is an error, not a new database. */
    JdbcStorage open() {
        return builder(null).mustExist(true).build();
    }
}
