package io.hpo4j.studies.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hpo4j.studies.query.Notes;
import io.hpo4j.studies.storage.JdbcStorage;
import io.hpo4j.studies.testing.SyntheticStudies;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.storage.Storage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DashboardServerTest {

    private static Storage storage;
    private static DashboardServer server;
    private static LiveStudy live;
    private static FrozenTrial running;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() {
        storage = JdbcStorage.open("jdbc:h2:mem:dashboard-server-test;DB_CLOSE_DELAY=-1");
        SyntheticStudies.run(storage, 14, 7);
        live = new LiveStudy(storage);
        live.complete(3e-3, 256, "adam", 8, 0.95);
        live.pruned(2e-4, 64, "sgd", 3, 0.6);
        running = live.start(1e-2, 128, "adam", 10);
        live.epoch(running, 1, 0.9);
        live.epoch(running, 2, 0.9);
        Notes.write(storage, SyntheticStudies.NAME, null, "first try at the synthetic space");
        Notes.write(storage, SyntheticStudies.NAME, 3, "looks overfit");
        server = DashboardServer.start(storage, "test storage", DashboardOptions.loopback(0));
    }

    @AfterAll
    static void stop() {
        server.close();
        storage.close();
    }

    private static HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void listsEveryStudyWithItsCountsBestValueAndNote() throws Exception {
        HttpResponse<String> r = get("/api/studies");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode studies = JSON.readTree(r.body()).get("studies");
        assertThat(studies).hasSize(2);
        JsonNode synthetic = studies.get(studies.get(0).get("name").asText().equals("synthetic") ? 0 : 1);
        assertThat(synthetic.get("total").asInt()).isEqualTo(14);
        assertThat(synthetic.get("counts").get("PRUNED").asInt()).isEqualTo(2);
        assertThat(synthetic.get("best_value").isNumber()).isTrue();
        assertThat(synthetic.get("note").asText()).isEqualTo("first try at the synthetic space");
    }

    @Test
    void studyDocumentHasCurvesProvisionalVerdictsPruneEpochsAndImportance() throws Exception {
        JsonNode d = JSON.readTree(get("/api/studies/" + LiveStudy.NAME).body());
        assertThat(d.get("metric").asText()).isEqualTo("validation_accuracy");
        JsonNode trials = d.get("trials");
        assertThat(trials).hasSize(3);
        JsonNode pruned = trials.get(1);
        assertThat(pruned.get("state").asText()).isEqualTo("PRUNED");
        assertThat(pruned.get("pruned_at").asInt()).isEqualTo(3);
        assertThat(pruned.get("epochs")).hasSize(3);
        assertThat(pruned.get("verdict").get("label").asText()).isEqualTo("PRUNED at epoch 3");
        JsonNode run = trials.get(2);
        assertThat(run.get("state").asText()).isEqualTo("RUNNING");
        assertThat(run.get("epochs")).hasSize(2);
        assertThat(run.get("planned_epochs").asInt()).isEqualTo(10);
        assertThat(run.get("best_so_far").asDouble()).isPositive();
        assertThat(run.get("verdict").get("provisional").asBoolean()).isTrue();
        assertThat(run.get("verdict").get("label").asText()).endsWith("(so far)");
        assertThat(trials.get(0).get("verdict").get("provisional").asBoolean()).isFalse();

        JsonNode synthetic = JSON.readTree(get("/api/studies/synthetic").body());
        assertThat(synthetic.get("importance").size()).isEqualTo(4);
        assertThat(synthetic.get("importance").get(0).get("parameter").asText()).isEqualTo("learning_rate");
        assertThat(synthetic.get("trials").get(3).get("note").asText()).isEqualTo("looks overfit");
    }

    @Test
    void aTrialOfSuccessiveHalvingCarriesItsRungsAndOneWithoutARecordedPrunerNone() throws Exception {
        try (Storage plain = JdbcStorage.open("jdbc:h2:mem:dashboard-rungs-test;DB_CLOSE_DELAY=-1");
             DashboardServer rungs = DashboardServer.start(plain, "rungs", DashboardOptions.loopback(0))) {
            PlainStudy.run(plain, 6);
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + rungs.port()
                    + "/api/studies/" + PlainStudy.NAME)).build(), HttpResponse.BodyHandlers.ofString());
            for (JsonNode t : JSON.readTree(r.body()).get("trials")) {
                assertThat(t.get("rungs").toString()).as("trial %s", t.get("number")).isEqualTo("[1,3,9]");
            }
        }
        JsonNode live = JSON.readTree(get("/api/studies/" + LiveStudy.NAME).body());
        assertThat(live.get("trials").get(1).get("rungs").size()).as("no pruner recorded, no rungs").isZero();
    }

    @Test
    void trialDocumentHasProvenanceDistributionsAndRank() throws Exception {
        JsonNode d = JSON.readTree(get("/api/studies/synthetic/trials/0").body());
        assertThat(d.get("trial").get("number").asInt()).isZero();
        assertThat(d.get("system_attrs").has("seed")).isTrue();
        assertThat(d.get("distributions").get("learning_rate").get("log").asBoolean()).isTrue();
        JsonNode running = JSON.readTree(get("/api/studies/" + LiveStudy.NAME + "/trials/2").body());
        assertThat(running.get("rank").asInt()).as("a running trial ranks by its best so far").isEqualTo(2);
    }

    @Test
    void unknownStudiesAndTrialsAre404WithAMessage() throws Exception {
        HttpResponse<String> r = get("/api/studies/nope");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(r.body()).get("error").asText())
                .startsWith("no study named 'nope'; studies in this storage: ").contains("synthetic", LiveStudy.NAME);
        assertThat(get("/api/studies/synthetic/trials/99").statusCode()).isEqualTo(404);
        assertThat(get("/assets/../../etc/passwd").statusCode()).isEqualTo(404);
    }

    @Test
    void servesThePageAndItsBundledAssetsWithAContentSecurityPolicy() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("/assets/dashboard.js").doesNotContain("http://", "https://");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(c -> assertThat(c).contains("default-src 'self'"));
        for (String asset : List.of("dashboard.js", "charts.js", "dashboard.css", "favicon.svg")) {
            HttpResponse<String> a = get("/assets/" + asset);
            assertThat(a.statusCode()).as(asset).isEqualTo(200);
            assertThat(a.body()).as(asset + " loads nothing from elsewhere").doesNotContain("https://", "//cdn");
        }
    }

    @Test
    void anUnchangedDocumentIsNotSentAgain() throws Exception {
        HttpResponse<String> first = get("/api/studies/synthetic");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(get("/api/studies/synthetic", "If-None-Match", etag).statusCode()).isEqualTo(304);
    }

    @Test
    void isReadOnlyAndAnswersOnlyToLoopbackHostNames() throws Exception {
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/studies"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
        assertThat(AccessGuard.loopbackHost("127.0.0.1:8080")).isTrue();
        assertThat(AccessGuard.loopbackHost("localhost:8080")).isTrue();
        assertThat(AccessGuard.loopbackHost("[::1]:8080")).isTrue();
        assertThat(AccessGuard.loopbackHost("evil.example:8080")).isFalse();
        AccessGuard guard = new AccessGuard(InetAddress.getLoopbackAddress(), null);
        assertThat(guard.check("GET", "evil.example:8080", null, null, null)).isInstanceOf(AccessGuard.Deny.class);
    }

    @Test
    void listeningWiderRequiresTheTokenThenRemembersItInACookie() throws Exception {
        assertThatThrownBy(() -> new DashboardOptions(InetAddress.getByName("0.0.0.0"), 0, null, Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a token");
        DashboardOptions wide = DashboardOptions.bind("0.0.0.0", 0);
        assertThat(wide.token()).hasSize(32);
        try (DashboardServer open = DashboardServer.start(storage, "test storage", wide)) {
            String base = "http://127.0.0.1:" + open.port();
            List<Integer> codes = new ArrayList<>();
            HttpResponse<String> without = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/studies")).build(),
                    HttpResponse.BodyHandlers.ofString());
            codes.add(without.statusCode());
            assertThat(without.body()).contains("needs its token");
            HttpResponse<String> with = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/?token=" + wide.token())).build(),
                    HttpResponse.BodyHandlers.ofString());
            codes.add(with.statusCode());
            String cookie = with.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
            HttpResponse<String> byCookie = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/studies"))
                    .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
            codes.add(byCookie.statusCode());
            HttpResponse<String> wrong = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/studies"))
                    .header("Cookie", AccessGuard.COOKIE + "=0123456789abcdef0123456789abcdef").build(),
                    HttpResponse.BodyHandlers.ofString());
            codes.add(wrong.statusCode());
            assertThat(codes).containsExactly(401, 200, 200, 401);
            assertThat(open.url().toString()).endsWith("?token=" + wide.token());
        }
    }
}
