package io.hpo4j.studies.storage;

import io.hpo4j.tuner.Direction;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.Study;
import io.hpo4j.tuner.TrialState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several worker processes (real JVMs, {@link WorkerProcess}) on one study: nothing lost, nothing
 * numbered twice, on PostgreSQL, an H2 server and the default H2 file; a worker killed with
 * {@code kill -9} is noticed within grace + beat by a worker that is busy with trials, and its trial
 * retried; an H2 server or a PostgreSQL restarted mid-run loses nothing and writes nothing twice.
 */
class ManyWorkersTest {

    private static final String PASSWORD = "workers-secret";
    /** Short beats and grace so that a lost worker is noticed in about a second. */
    private static final long BEAT_MS = 200;
    private static final long GRACE_MS = 1_000;

    @TempDir
    Path dir;

    private static Map<String, String> h2Env() {
        return Map.of(Credentials.USER_VARIABLE, H2Server.USER, Credentials.PASSWORD_VARIABLE, PASSWORD);
    }

    private void createStudy(String url, Credentials credentials) {
        try (JdbcStorage storage = JdbcStorage.builder(url).credentials(credentials).build()) {
            Study.builder("shared").storage(storage).direction(Direction.MINIMIZE).searchSpace(WorkerProcess.space()).build();
        }
    }

    /** Runs {@code workers} processes of {@code trialsEach} trials and checks the study has every one, once. */
    private void runWorkersAndCheck(String url, Credentials credentials, Map<String, String> env, int... trialsEach)
            throws Exception {
        runWorkersAndCheck(true, url, credentials, env, trialsEach);
    }

    /** With {@code createFirst} false, the workers race to create the schema and the study. */
    private void runWorkersAndCheck(boolean createFirst, String url, Credentials credentials, Map<String, String> env,
                                    int... trialsEach) throws Exception {
        if (createFirst) {
            createStudy(url, credentials);
        }
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < trialsEach.length; i++) {
            processes.add(WorkerProcess.start(dir, "w" + i, env, url, "shared", trialsEach[i], 2, 0, BEAT_MS, GRACE_MS * 10, 0, 30_000));
        }
        for (int i = 0; i < processes.size(); i++) {
            WorkerProcess.awaitSuccess(processes.get(i), dir, "w" + i, 180);
        }
        int total = IntStream.of(trialsEach).sum();
        try (JdbcStorage storage = JdbcStorage.builder(url).credentials(credentials).build()) {
            long study = storage.findStudy("shared").orElseThrow().id();
            List<FrozenTrial> trials = storage.trials(study, EnumSet.allOf(TrialState.class));
            assertThat(trials).extracting(FrozenTrial::number).containsExactlyElementsOf(IntStream.range(0, total).boxed().toList());
            assertThat(trials).allSatisfy(t -> {
                assertThat(t.state()).as("trial %d: %s", t.number(), t.failReason()).isEqualTo(TrialState.COMPLETE);
                assertThat(t.params()).containsOnlyKeys("x");
                assertThat(storage.epochs(t.id())).hasSize(2);
            });
        }
    }

    @Test
    void fourWorkersOnPostgresqlRunAHundredTrialsNumberedOnceEach() throws Exception {
        TestDatabases.Postgres pg = TestDatabases.postgres();
        // A new schema and no study: the four workers create both at the same moment, as on a cluster.
        runWorkersAndCheck(false, pg.newSchemaUrl(), pg.credentials(), pg.environment(), 25, 25, 25, 25);
    }

    @Test
    void fourWorkersOnAnH2ServerRunAHundredTrialsNumberedOnceEach() throws Exception {
        try (H2Server server = H2Server.start(dir, "studies", 0, "127.0.0.1", PASSWORD)) {
            runWorkersAndCheck(server.url(), new Credentials(H2Server.USER, PASSWORD), h2Env(), 25, 25, 25, 25);
        }
    }

    @Test
    void twoWorkersOnTheDefaultH2FileRunAHundredTrialsThoughTheHostOfTheFileLeavesFirst() throws Exception {
        // The first worker serves the file to the second (AUTO_SERVER) and leaves while the second
        // still writes: the second reconnects, becomes the host and goes on.
        String url = "jdbc:h2:file:" + dir.resolve("studies");
        runWorkersAndCheck(url, new Credentials("sa", null), Map.of(), 20, 80);
    }

    @Test
    void aKilledWorkersTrialIsFailedAsLostWithinGracePlusBeatAndRetriedByAnotherWorker() throws Exception {
        try (H2Server server = H2Server.start(dir, "studies", 0, "127.0.0.1", PASSWORD)) {
            Credentials credentials = new Credentials(H2Server.USER, PASSWORD);
            createStudy(server.url(), credentials);
            // One long trial (100 epochs 100 ms apart), killed once it stored 2 epochs, and a worker
            // that runs 10 short trials meanwhile, with retries: it notices the lost trial (its beater
            // sweeps) and runs it again.
            Process doomed = WorkerProcess.start(dir, "doomed", h2Env(), server.url(), "shared", 1, 100, 100, BEAT_MS, GRACE_MS, 1, 30_000);
            Process survivor = WorkerProcess.start(dir, "survivor", h2Env(), server.url(), "shared", 10, 5, 100, BEAT_MS, GRACE_MS, 1, 30_000);
            WorkerProcess.awaitLines(dir, "doomed", 2, 60);
            WorkerProcess.awaitLines(dir, "survivor", 1, 60);
            doomed.destroyForcibly(); // SIGKILL: no shutdown hook, no last write
            assertThat(doomed.waitFor(10, TimeUnit.SECONDS)).isTrue();
            int lostNumber = Integer.parseInt(Files.readAllLines(dir.resolve("doomed.out")).get(0).split(" ")[1]);
            WorkerProcess.awaitSuccess(survivor, dir, "survivor", 180);

            try (JdbcStorage storage = JdbcStorage.builder(server.url()).credentials(credentials).build()) {
                long study = storage.findStudy("shared").orElseThrow().id();
                List<FrozenTrial> trials = storage.trials(study, EnumSet.allOf(TrialState.class));
                FrozenTrial lost = trials.stream().filter(t -> t.number() == lostNumber).findFirst().orElseThrow();
                assertThat(lost.state()).isEqualTo(TrialState.FAIL);
                assertThat(lost.failReason()).startsWith("worker lost");
                assertThat(storage.epochs(lost.id())).as("the epochs stored before the kill").hasSizeBetween(2, 99);
                // Failed by the survivor's sweep between grace and grace + one beat after the last beat
                // (both times stored by the database's clients; slack for a loaded machine).
                Duration silence = Duration.between(lastHeartbeat(server.url(), credentials, lost.id()), lost.complete());
                assertThat(silence).isGreaterThanOrEqualTo(Duration.ofMillis(GRACE_MS))
                        .isLessThan(Duration.ofMillis(GRACE_MS + BEAT_MS + 3_000));
                // Retried with its parameters by the survivor, which ran its 10 trials; the study completes.
                assertThat(trials).filteredOn(t -> Integer.valueOf(lostNumber).equals(t.systemAttrs().get("retry_of")))
                        .singleElement().satisfies(retry -> {
                            assertThat(retry.state()).isEqualTo(TrialState.COMPLETE);
                            assertThat(retry.params()).isEqualTo(lost.params());
                            assertThat(storage.epochs(retry.id())).hasSize(5);
                        });
                assertThat(trials).hasSize(11).filteredOn(t -> t.number() != lostNumber)
                        .extracting(FrozenTrial::state).containsOnly(TrialState.COMPLETE);
            }
        }
    }

    private static Instant lastHeartbeat(String url, Credentials credentials, long trialId) throws Exception {
        try (Connection c = DriverManager.getConnection(url, credentials.user(), credentials.password());
             PreparedStatement p = c.prepareStatement("SELECT heartbeat_at FROM trials WHERE trial_id = ?")) {
            p.setLong(1, trialId);
            try (ResultSet r = p.executeQuery()) {
                assertThat(r.next()).isTrue();
                return Sql.getInstant(r, 1);
            }
        }
    }

    @Test
    void anH2ServerRestartedMidRunLosesNoTrialAndTheWorkersGoOn() throws Exception {
        H2Server[] server = {H2Server.start(dir, "studies", 0, "127.0.0.1", PASSWORD)};
        int port = server[0].port();
        try {
            restartMidRun(server[0].url(), new Credentials(H2Server.USER, PASSWORD), h2Env(), () -> {
                server[0].close(); // the server goes away mid-run ...
                Thread.sleep(1_500);
                server[0] = H2Server.start(dir, "studies", port, "127.0.0.1", PASSWORD); // ... and comes back
            });
        } finally {
            server[0].close();
        }
    }

    @Test
    void aPostgresqlServerRestartedMidRunLosesNoTrialAndTheWorkersGoOn() throws Exception {
        TestDatabases.Postgres pg = TestDatabases.postgres();
        restartMidRun(pg.newSchemaUrl(), pg.credentials(), pg.environment(), pg::restart);
    }

    @FunctionalInterface
    private interface Restart {
        void run() throws Exception;
    }

    /**
     * Two workers of 15 trials each; the server restarts once the first has finished two trials:
     * both go on, and the study has exactly their 30 trials, complete, numbered once each.
     */
    private void restartMidRun(String url, Credentials credentials, Map<String, String> env, Restart restart) throws Exception {
        createStudy(url, credentials);
        List<Process> workers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            workers.add(WorkerProcess.start(dir, "r" + i, env, url, "shared", 15, 2, 50, BEAT_MS, GRACE_MS * 20, 0, 60_000));
        }
        WorkerProcess.awaitLines(dir, "r0", 4, 60); // two trials done
        restart.run();
        for (int i = 0; i < workers.size(); i++) {
            WorkerProcess.awaitSuccess(workers.get(i), dir, "r" + i, 180);
        }
        try (JdbcStorage storage = JdbcStorage.builder(url).credentials(credentials).build()) {
            long study = storage.findStudy("shared").orElseThrow().id();
            List<FrozenTrial> trials = storage.trials(study, EnumSet.allOf(TrialState.class));
            assertThat(trials).extracting(FrozenTrial::number).containsExactlyElementsOf(IntStream.range(0, 30).boxed().toList());
            assertThat(trials).allSatisfy(t -> {
                assertThat(t.state()).as("trial %d: %s", t.number(), t.failReason()).isEqualTo(TrialState.COMPLETE);
                assertThat(storage.epochs(t.id())).hasSize(2);
            });
        }
    }
}
