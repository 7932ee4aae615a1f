package io.hpo4j.studies.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hpo4j.studies.storage.Credentials;
import io.hpo4j.studies.storage.H2Server;
import io.hpo4j.studies.storage.JdbcStorage;
import io.hpo4j.studies.storage.TestDatabases;
import io.hpo4j.studies.testing.SyntheticStudies;
import io.hpo4j.tuner.FrozenTrial;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard over the server databases that many workers share, an H2 server ({@code hpo
 * server}) and PostgreSQL: several studies are listed, a running trial's epochs and a trial
 * finished after the first read show on the next one. (PostgreSQL: from the environment that
 * {@code .ci/run} sets; skipped elsewhere, failed under {@code CI=true} without it.)
 */
class DashboardOnServerDatabasesTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void servesTheStudiesOfAnH2ServerWhileTheyChange() throws Exception {
        try (H2Server server = H2Server.start(dir, "studies", 0, "127.0.0.1", "server-secret")) {
            servesTheStudiesWhileTheyChange(server.url(), new Credentials(H2Server.USER, "server-secret"));
        }
    }

    @Test
    void servesTheStudiesOfPostgresqlWhileTheyChange() throws Exception {
        TestDatabases.Postgres pg = TestDatabases.postgres();
        servesTheStudiesWhileTheyChange(pg.newSchemaUrl(), pg.credentials());
    }

    private static void servesTheStudiesWhileTheyChange(String url, Credentials credentials) throws Exception {
        try (JdbcStorage storage = JdbcStorage.builder(url).credentials(credentials).build()) {
            SyntheticStudies.run(storage, 8, 3);
            LiveStudy live = new LiveStudy(storage);
            live.complete(3e-3, 256, "adam", 6, 0.95);
            FrozenTrial running = live.start(1e-2, 128, "adam", 10);
            live.epoch(running, 1, 0.9);
            try (DashboardServer dashboard = DashboardServer.start(storage, "server", DashboardOptions.loopback(0))) {
                JsonNode studies = get(dashboard, "/api/studies").get("studies");
                assertThat(studies).extracting(s -> s.get("name").asText()).containsExactlyInAnyOrder(SyntheticStudies.NAME, LiveStudy.NAME);

                JsonNode before = get(dashboard, "/api/studies/" + LiveStudy.NAME).get("trials");
                assertThat(before.get(1).get("state").asText()).isEqualTo("RUNNING");
                assertThat(before.get(1).get("epochs")).hasSize(1);

                live.epoch(running, 2, 0.9);
                SyntheticStudies.run(storage, 1, 3);
                JsonNode after = get(dashboard, "/api/studies/" + LiveStudy.NAME).get("trials");
                assertThat(after.get(1).get("epochs")).as("the running trial's new epoch").hasSize(2);
                assertThat(after.get(1).get("verdict").get("provisional").asBoolean()).isTrue();
                assertThat(get(dashboard, "/api/studies/" + SyntheticStudies.NAME).get("trials"))
                        .as("the trial finished after the first read").hasSize(9);
            }
        }
    }

    private static JsonNode get(DashboardServer server, String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }
}
