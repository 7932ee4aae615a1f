package io.hpo4j.studies.cli;

import io.hpo4j.studies.dashboard.DashboardServer;
import io.hpo4j.studies.testing.SyntheticStudies;
import io.hpo4j.studies.storage.JdbcStorage;
import io.hpo4j.tuner.storage.Storage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DashboardCommandTest {

    @TempDir
    Path dir;

    private record Started(DashboardCommand command, StringWriter out) {
    }

    private Started parse(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = Hpo.commandLine(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
        CommandLine.ParseResult parsed = cli.parseArgs(args);
        return new Started((DashboardCommand) parsed.subcommand().commandSpec().userObject(), out);
    }

    @Test
    void servesTheStorageOnLoopbackAndSaysWhere() throws Exception {
        CliTestSupport cli = new CliTestSupport(dir);
        JdbcStorage.open(cli.url()).close();   // the dashboard reads an existing storage only
        Started started = parse("dashboard", "--port", "0", "--storage", cli.url());
        try (Storage storage = started.command().storage.open()) {
            SyntheticStudies.run(storage, 3, 1);
            try (DashboardServer server = started.command().start(storage, started.command().options())) {
                assertThat(server.url().getHost()).isEqualTo("127.0.0.1");
                HttpResponse<String> r = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(server.url().resolve("/api/studies")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.body()).contains("\"name\":\"synthetic\"");
            }
        }
        assertThat(started.out().toString()).contains("hpo dashboard: " + cli.url() + System.lineSeparator(),
                "open http://127.0.0.1:", "Ctrl-C to stop").as("the storage as given, without hpo4j's H2 options")
                .doesNotContain("AUTO_SERVER");
    }

    @Test
    void listeningWiderPrintsTheTokenInTheAddress() throws Exception {
        CliTestSupport cli = new CliTestSupport(dir);
        JdbcStorage.open(cli.url()).close();
        Started started = parse("dashboard", "--port", "0", "--bind", "0.0.0.0", "--storage", cli.url());
        try (Storage storage = started.command().storage.open(); DashboardServer server = started.command().start(storage, started.command().options())) {
            assertThat(server.url().getQuery()).matches("token=[0-9a-f]{32}");
            HttpResponse<String> noToken = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/studies")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(noToken.statusCode()).isEqualTo(401);
        }
        assertThat(started.out().toString()).contains("?token=", "needs the token", "from other machines: http://");
        assertThat(started.out().toString().lines().filter(l -> !l.contains("http://")))   // an address is one word: never cut
                .allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(80));
    }

    @Test
    void aPortOutOfRangeIsOneLineAndExitCode2() {
        CliTestSupport.Result r = new CliTestSupport(dir).run("dashboard", "--port", "70000");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err().strip()).isEqualTo("hpo dashboard: --port must be in 0..65535 (0 for a free port), but got 70000");
    }
}
