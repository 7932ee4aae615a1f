package io.hpo4j.studies.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The user and password a storage logs in with. They come from the environment or a file, so
 * that a password never has to be typed on a command line (where shell history and {@code ps}
 * keep it); {@link #toString()} masks the password.
 *
 * <p>Where {@link #resolve} looks, first match wins:
 * <ol>
 *   <li>user: {@value #USER_VARIABLE}; for PostgreSQL then {@code PGUSER}; else {@code sa} for H2
 *       and the system user for PostgreSQL;</li>
 *   <li>password: the password file given ({@code --password-file}), else the file named by
 *       {@value #PASSWORD_FILE_VARIABLE}, else {@value #PASSWORD_VARIABLE}, for PostgreSQL then
 *       {@code PGPASSWORD}; else none (H2's default), and the PostgreSQL driver then reads
 *       {@code ~/.pgpass} itself.</li>
 * </ol>
 * A user or password written in the URL itself wins over all of these (and is masked too).
 *
 * @param user     the database user; never null
 * @param password the password, or null for none
 */
public record Credentials(String user, String password) {

    public static final String USER_VARIABLE = "HPO_DB_USER";
    public static final String PASSWORD_VARIABLE = "HPO_DB_PASSWORD";
    public static final String PASSWORD_FILE_VARIABLE = "HPO_DB_PASSWORD_FILE";

    public Credentials {
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("the database user must not be blank, but got '" + user + "'");
        }
    }

    /** The credentials for {@code url} from this process's environment. */
    public static Credentials fromEnvironment(String url) {
        return resolve(url, System.getenv(), null);
    }

    /**
     * The credentials for {@code url}.
     *
     * @param passwordFile a file whose first line is the password, or null
     * @throws IllegalArgumentException naming the file if it cannot be read or is empty
     */
    public static Credentials resolve(String url, Map<String, String> env, Path passwordFile) {
        boolean postgres = StorageUrls.kind(url) == StorageUrls.Kind.POSTGRESQL;
        String user = firstSet(env.get(USER_VARIABLE), postgres ? env.get("PGUSER") : null)
                .orElse(postgres ? System.getProperty("user.name") : "sa");
        Optional<String> password;
        if (passwordFile != null) {
            password = Optional.of(readPassword(passwordFile, "--password-file"));
        } else if (env.get(PASSWORD_FILE_VARIABLE) != null && !env.get(PASSWORD_FILE_VARIABLE).isBlank()) {
            password = Optional.of(readPassword(Path.of(env.get(PASSWORD_FILE_VARIABLE).strip()), PASSWORD_FILE_VARIABLE));
        } else {
            password = firstSet(env.get(PASSWORD_VARIABLE), postgres ? env.get("PGPASSWORD") : null);
        }
        return new Credentials(user, password.orElse(null));
    }

    /**
     * The first line of {@code file}, without its line ending.
     *
     * @param source the option or variable that named the file, for messages
     */
    public static String readPassword(Path file, String source) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": cannot read the password file " + file + ": "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
        if (lines.isEmpty() || lines.get(0).isEmpty()) {
            throw new IllegalArgumentException(source + ": the password file " + file + " is empty; expected the password on its first line");
        }
        return lines.get(0);
    }

    /** Where a user and password for a database of {@code kind} come from, for the message of a refused login. */
    static String sources(StorageUrls.Kind kind) {
        return "the user comes from $" + USER_VARIABLE + (kind == StorageUrls.Kind.POSTGRESQL ? " or $PGUSER" : "")
                + ", the password from --password-file, $" + PASSWORD_FILE_VARIABLE + " or $" + PASSWORD_VARIABLE
                + (kind == StorageUrls.Kind.POSTGRESQL ? ", $PGPASSWORD or ~/.pgpass" : "");
    }

    /** Whether a password is set. */
    public boolean hasPassword() {
        return password != null;
    }

    @Override
    public String toString() {
        return "Credentials[user=" + user + ", password=" + (password == null ? "none" : "***") + "]";
    }

    private static Optional<String> firstSet(String... values) {
        for (String v : values) {
            if (v != null && !v.isEmpty()) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
