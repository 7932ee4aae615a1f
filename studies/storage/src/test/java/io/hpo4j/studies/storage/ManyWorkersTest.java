package io.hpo4j.studies.storage;

import io.hpo4j.tuner.Direction;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.Study;
import io.hpo4j.tuner.TrialState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
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
 * {@code kill -9} is noticed within grace + beat and its trial retried; a server restarted
 * mid-run loses nothing.
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
    void twoWorkersOnTheDefaultH2FileSurviveTheHostOfTheFileLeavingFirst() throws Exception {
        // The first worker serves the file to the second (AUTO_SERVER) and leaves while the second
        // still writes: the second reconnects, becomes the host and goes on.
        String url = "jdbc:h2:file:" + dir.resolve("studies");
        runWorkersAndCheck(url, new Credentials("sa", null), Map.of(), 10, 40);
    }

    @Test
    void aKilledWorkersTrialIsFailedAsLostWithinGracePlusBeatAndRetried() throws Exception {
        try (H2Server server = H2Server.start(dir, "studies", 0, "127.0.0.1", PASSWORD)) {
            Credentials credentials = new Credentials(H2Server.USER, PASSWORD);
            createStudy(server.url(), credentials);
            // One long trial: 100 epochs 100 ms apart; killed once it stored 2.
            Process doomed = WorkerProcess.start(dir, "doomed", h2Env(), server.url(), "shared", 1, 100, 100, BEAT_MS, GRACE_MS, 1, 30_000);
            WorkerProcess.awaitLine(dir, "doomed", "trial 0 epoch 2", 60);
            doomed.destroyForcibly(); // SIGKILL: no shutdown hook, no last write
            assertThat(doomed.waitFor(10, TimeUnit.SECONDS)).isTrue();
            long killedAt = System.nanoTime();

            HeartbeatPolicy policy = new HeartbeatPolicy(Duration.ofMillis(BEAT_MS), Duration.ofMillis(GRACE_MS), 1);
            try (JdbcStorage survivor = JdbcStorage.builder(server.url()).credentials(credentials).heartbeat(policy).build()) {
                long study = survivor.findStudy("shared").orElseThrow().id();
                FrozenTrial lost = survivor.trial(study, 0).orElseThrow();
                int epochsAtKill = survivor.epochs(lost.id()).size();
                assertThat(epochsAtKill).isBetween(2, 99);
                // Another worker asks for a trial now and then; poll (bounded) until the lost one is failed.
                FrozenTrial retry = null;
                long deadline = killedAt + TimeUnit.SECONDS.toNanos(20);
                while (retry == null && System.nanoTime() < deadline) {
                    retry = survivor.claimWaitingTrial(study).orElse(null);
                    if (retry == null) {
                        Thread.sleep(50);
                    }
                }
                long noticedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
                assertThat(retry).as("a retry of the lost trial within 20 s").isNotNull();
                assertThat(noticedMs).as("noticed within grace + beat + one sweep, with slack for a loaded machine")
                        .isLessThan(GRACE_MS + 2 * BEAT_MS + 3_000);
                FrozenTrial failed = survivor.trial(lost.id());
                assertThat(failed.state()).isEqualTo(TrialState.FAIL);
                assertThat(failed.failReason()).startsWith("worker lost");
                assertThat(survivor.epochs(lost.id())).hasSizeGreaterThanOrEqualTo(epochsAtKill);
                assertThat(retry.systemAttrs()).containsEntry("retry_of", 0);
                assertThat(retry.record().enqueuedParams()).isEqualTo(Map.of("x", failed.params().get("x")));
                survivor.finishTrial(retry.id(), TrialState.FAIL, null, "released for the next worker");
            }
            // The study goes on: a new worker completes a trial.
            Process next = WorkerProcess.start(dir, "next", h2Env(), server.url(), "shared", 1, 1, 0, BEAT_MS, GRACE_MS, 1, 30_000);
            WorkerProcess.awaitSuccess(next, dir, "next", 60);
        }
    }

    @Test
    void aServerRestartedMidRunLosesNoTrialAndTheWorkersGoOn() throws Exception {
        H2Server server = H2Server.start(dir, "studies", 0, "127.0.0.1", PASSWORD);
        int port = server.port();
        String url = server.url();
        Credentials credentials = new Credentials(H2Server.USER, PASSWORD);
        try {
            createStudy(url, credentials);
            List<Process> workers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                workers.add(WorkerProcess.start(dir, "r" + i, h2Env(), url, "shared", 15, 2, 50, BEAT_MS, GRACE_MS * 20, 0, 60_000));
            }
            WorkerProcess.awaitLines(dir, "r0", 4, 60); // two trials done

            server.close(); // the server goes away mid-run ...
            Thread.sleep(1_500);
            server = H2Server.start(dir, "studies", port, "127.0.0.1", PASSWORD); // ... and comes back
            for (int i = 0; i < workers.size(); i++) {
                WorkerProcess.awaitSuccess(workers.get(i), dir, "r" + i, 180);
            }
            try (JdbcStorage storage = JdbcStorage.builder(url).credentials(credentials).build()) {
                long study = storage.findStudy("shared").orElseThrow().id();
                List<FrozenTrial> trials = storage.trials(study, EnumSet.allOf(TrialState.class));
                assertThat(trials).extracting(FrozenTrial::state).containsOnly(TrialState.COMPLETE);
                assertThat(trials).extracting(FrozenTrial::number).doesNotHaveDuplicates();
                assertThat(trials).hasSizeGreaterThanOrEqualTo(30);
            }
        } finally {
            server.close();
        }
    }
}
