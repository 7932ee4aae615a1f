package io.hpo4j.studies.cli;

import io.hpo4j.studies.storage.Credentials;
import io.hpo4j.studies.storage.H2Server;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code hpo server}: serve a study database to workers in other processes or on other machines. */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = {"Start an H2 database server for many workers of one or more studies, until Ctrl-C.",
                "Listens on 127.0.0.1 unless --bind says otherwise. The database is created with the user 'hpo' and the "
                        + "password from --password-file or $HPO_DB_PASSWORD (required; never on the command line). "
                        + "Workers: HPO_DB_USER=hpo HPO_DB_PASSWORD=... hpo run study.yaml --storage <printed URL>"})
final class ServerCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "9092", description = "TCP port (default: ${DEFAULT-VALUE}; 0 for a free one).")
    int port;
    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only); e.g. 0.0.0.0 for every interface, which lets other machines connect.")
    String bind;
    @Option(names = "--dir", paramLabel = "DIR", description = "Directory of the database files (default: ~/.hpo4j/server).")
    Path dir;
    @Option(names = "--database", paramLabel = "NAME", defaultValue = "studies", description = "Database name in the URL (default: ${DEFAULT-VALUE}).")
    String database;
    @Option(names = "--password-file", paramLabel = "FILE", description = "A file whose first line is the password (else $HPO_DB_PASSWORD).")
    Path passwordFile;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        String password = passwordFile != null ? Credentials.readPassword(passwordFile, "--password-file")
                : System.getenv(Credentials.PASSWORD_VARIABLE);
        Path directory = dir != null ? dir : Path.of(System.getProperty("user.home"), ".hpo4j", "server");
        PrintWriter out = spec.commandLine().getOut();
        try (H2Server server = H2Server.start(directory, database, port, bind, password)) {
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "hpo-server-stop"));
            out.println("H2 server for hpo4j studies: " + server.url());
            out.println("database: " + directory.toAbsolutePath().normalize().resolve(database) + ".mv.db (user " + H2Server.USER
                    + ", password from " + (passwordFile != null ? passwordFile : "$" + Credentials.PASSWORD_VARIABLE) + ")");
            out.println("workers:  HPO_DB_USER=" + H2Server.USER + " HPO_DB_PASSWORD=... hpo run STUDY_FILE --storage " + server.url());
            out.println("Ctrl-C stops the server.");
            out.flush();
            server.awaitStop();
        }
        return ExitCodes.OK;
    }
}
