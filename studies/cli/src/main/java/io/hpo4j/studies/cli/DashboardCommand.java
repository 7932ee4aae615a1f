package io.hpo4j.studies.cli;

import io.hpo4j.studies.dashboard.DashboardOptions;
import io.hpo4j.studies.dashboard.DashboardServer;
import io.hpo4j.studies.run.TextFit;
import io.hpo4j.studies.storage.JdbcStorage;
import io.hpo4j.studies.storage.StorageUrls;
import io.hpo4j.tuner.storage.Storage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code hpo dashboard}: serves the live, read-only web dashboard of a storage's studies until Ctrl-C. */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = {"Serve a live, read-only web dashboard of the studies in a storage: optimization history, "
                + "learning curves (running and pruned trials included), trial table, parallel coordinates, "
                + "parameter importance, fit verdicts. Runs until Ctrl-C.",
                "It listens on 127.0.0.1 only, unless --bind names a wider address; then every request needs the "
                        + "token printed at start."})
final class DashboardCommand implements Callable<Integer> {

    @Mixin
    StorageOption storage;
    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + DashboardOptions.DEFAULT_PORT,
            description = "TCP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;
    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}). Anything but a loopback address, "
                    + "e.g. 0.0.0.0, makes the dashboard reachable from other machines and requires a token.")
    String bind;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        DashboardOptions options = options(); // validated before the storage is opened
        Storage s = storage.open();
        try (DashboardServer server = start(s, options)) {
            server.awaitStop();
        } finally {
            s.close();
        }
        return ExitCodes.OK;
    }

    /** This machine's name, as other machines may reach it; "localhost" if it has none. */
    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }

    DashboardOptions options() {
        return DashboardOptions.bind(bind, port);
    }

    /** Starts the server over {@code s} and says where it is; the caller stops it. */
    DashboardServer start(Storage s, DashboardOptions options) {
        String where = s instanceof JdbcStorage j ? StorageUrls.shown(j.location()) : String.valueOf(s);
        DashboardServer server;
        try {
            server = DashboardServer.start(s, where, options);
        } catch (java.io.UncheckedIOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        int columns = ((Hpo) spec.root().userObject()).terminal().columns();
        out.println("hpo dashboard: " + where);
        out.println("  open " + server.url());
        if (options.token() != null) {
            if (options.address().isAnyLocalAddress()) {
                out.println("  from other machines: " + server.url().toString().replace("//127.0.0.1:", "//" + hostName() + ":"));
            }
            out.println(TextFit.paragraph("  listening on " + options.address().getHostAddress() + ": every request needs the "
                    + "token (it is in the address); anyone with the address can read the studies", columns, 4));
        }
        out.println("  read-only; the page updates every 2 s. Ctrl-C to stop.");
        out.flush();
        return server;
    }
}
