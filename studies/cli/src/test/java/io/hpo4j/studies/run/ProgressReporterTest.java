package io.hpo4j.studies.run;

import io.hpo4j.tuner.Direction;
import io.hpo4j.tuner.EpochMetrics;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.StopReason;
import io.hpo4j.tuner.TrialOutcome;
import io.hpo4j.tuner.TrialState;
import io.hpo4j.tuner.space.CategoricalDistribution;
import io.hpo4j.tuner.space.FloatDistribution;
import io.hpo4j.tuner.space.IntDistribution;
import io.hpo4j.tuner.storage.InMemoryStorage;
import io.hpo4j.tuner.storage.MutableClock;
import io.hpo4j.tuner.storage.StudyRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live view of a resumed study (two trials from an earlier run, the best 0.9455), at 80 and
 * 120 columns, on a terminal (status block redrawn in place) and in a log (appended lines only).
 */
class ProgressReporterTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    private final InMemoryStorage storage = new InMemoryStorage(clock);
    private final StudyRecord study = storage.createStudy("resumed", Direction.MAXIMIZE);
    private final StringWriter written = new StringWriter();

    /** Trials 0 and 1 of an earlier run; 1 is the best. */
    private void earlierRun() {
        for (double v : new double[]{0.91, 0.9455}) {
            FrozenTrial t = storage.createTrial(study.id());
            storage.setIntermediateValue(t.id(), 1, v);
            storage.finishTrial(t.id(), TrialState.COMPLETE, v, null);
        }
    }

    private ProgressReporter reporter(int columns, boolean tty, Verbosity verbosity) {
        earlierRun();
        clock.advance(Duration.ofMinutes(5));
        return new ProgressReporter(new LiveConsole(new PrintWriter(written, true), tty), storage, study.id(), clock,
                Direction.MAXIMIZE, "validation_accuracy", 3, Duration.ofMinutes(10), verbosity, columns);
    }

    private FrozenTrial startTrial(ProgressReporter r) {
        FrozenTrial t = storage.createTrial(study.id());
        r.onTrialStarted(null, t);                 // params come later, when the objective suggests them
        storage.setTrialParam(t.id(), "epochs", new IntDistribution(4, 12, false, 1), 12);
        storage.setTrialParam(t.id(), "batch_size", new CategoricalDistribution(List.of(32, 64, 128)), 64);
        storage.setTrialParam(t.id(), "learning_rate", new FloatDistribution(1e-4, 1e-1, true, 0), 0.0032);
        storage.setTrialParam(t.id(), "hidden_units", new IntDistribution(32, 1024, true, 1), 256);
        storage.setTrialParam(t.id(), "layers", new IntDistribution(1, 3, false, 1), 2);
        storage.setTrialParam(t.id(), "dropout", new FloatDistribution(0, 0.5, false, 0), 0.1);
        storage.setTrialParam(t.id(), "activation", new CategoricalDistribution(List.of("relu", "tanh", "leaky_relu")), "leaky_relu");
        storage.setTrialParam(t.id(), "optimizer", new CategoricalDistribution(List.of("sgd", "adam", "rmsprop", "nesterovs")), "nesterovs");
        return t;
    }

    private void epochs(FrozenTrial t, int from, int to) {
        for (int e = from; e <= to; e++) {
            clock.advance(Duration.ofSeconds(10));
            double acc = 0.8 + 0.01 * e;
            storage.addEpoch(t.id(), new EpochMetrics(e, 0.5 / e, acc + 0.01, 0.55 / e, acc, 10));
            storage.setIntermediateValue(t.id(), e, acc);
        }
    }

    /** What a terminal shows after the output. */
    private List<String> screen() {
        return TerminalScreen.lines(written.toString());
    }

    @ParameterizedTest
    @ValueSource(ints = {80, 120})
    void onATerminalTheStatusBlockShowsRunningTrialsAndTheBestFromBeforeTheResume(int columns) {
        ProgressReporter r = reporter(columns, true, Verbosity.NORMAL);
        FrozenTrial t = startTrial(r);
        epochs(t, 1, 3);
        r.tick();
        List<String> screen = screen();
        assertThat(screen).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(columns));
        assertThat(screen.get(0)).startsWith("trial 2 started: epochs=12 batch_size=64 learning_rate=3.20e-03");
        assertThat(String.join("\n", screen)).contains("optimizer=nesterovs");
        assertThat(screen.get(screen.size() - 2)).isEqualTo("  trial 2   epoch  3/12  val_acc 0.8300  0:30");
        assertThat(screen.get(screen.size() - 1))
                .isEqualTo("done 0/3 | best 0.9455 (#1) | elapsed 0:30 | time-out in 9:30");

        epochs(t, 4, 5);
        r.tick();
        assertThat(screen().get(screen().size() - 2)).contains("epoch  5/12", "0.8500", "0:50");
        assertThat(written.toString()).as("redrawn in place").contains("\r\u001b[2A\u001b[J");

        clock.advance(Duration.ofSeconds(10));
        r.onTrialFinished(null, storage.finishTrial(t.id(), TrialState.COMPLETE, 0.96, null));
        r.finish();
        List<String> end = screen();
        assertThat(end).anySatisfy(l -> assertThat(l).startsWith("[  1/3] trial 2   COMPLETE 0.9600  5 epochs"));
        assertThat(end.get(end.size() - 1)).as("the block is gone at the end").startsWith("[  1/3] trial 2");
    }

    @org.junit.jupiter.api.Test
    void aRetryOfALostTrialSaysWhichTrialItRetriesWhenItStarts() {
        ProgressReporter r = reporter(80, false, Verbosity.NORMAL);
        FrozenTrial t = startTrial(r);
        storage.setTrialSystemAttr(t.id(), io.hpo4j.studies.storage.HeartbeatPolicy.RETRY_OF, 1);
        r.tick();
        assertThat(screen().get(0)).startsWith("trial 2 started (retry of trial 1): epochs=12");
    }

    @ParameterizedTest
    @ValueSource(ints = {80, 120})
    void inALogLinesAreOnlyAppendedWithTheMeasuredEtaNotClampedToTheTimeOut(int columns) {
        ProgressReporter r = reporter(columns, false, Verbosity.NORMAL);
        FrozenTrial t = startTrial(r);
        epochs(t, 1, 6);
        r.tick();
        clock.advance(Duration.ofMinutes(4));     // the first trial took 5 minutes: 2 more take ~10, the time-out allows 5
        r.onTrialFinished(null, storage.finishTrial(t.id(), TrialState.PRUNED, 0.86,
                "value 0.8600 at epoch 6 is worse than the median 0.9100 of the trials that reached it"));
        String out = written.toString();
        assertThat(out).doesNotContain("\u001b");
        List<String> lines = out.lines().toList();
        assertThat(lines).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(columns));
        assertThat(lines.get(0)).startsWith("trial 2 started:");
        assertThat(out).contains("[  1/3] trial 2   PRUNED   0.8600  6 epochs", "pruned: value 0.8600 at epoch 6");
        assertThat(String.join(" ", lines.subList(lines.size() - (columns == 80 ? 2 : 1), lines.size())).replaceAll(" +", " ").strip())
                .isEqualTo("done 1/3 | best 0.9455 (#1) | elapsed 5:00 | ETA ~10:00 | time-out in 5:00");
        if (columns == 80) {
            assertThat(lines.stream().filter(l -> l.startsWith("         ")).count()).as("wrapped continuation lines").isGreaterThanOrEqualTo(2);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {80, 120})
    void aTrialEndedByEarlyStoppingSaysStoppedEarlyNotPrunedAndTheLastSummaryEndsWithTheCount(int columns) {
        earlierRun();
        ProgressReporter r = new ProgressReporter(new LiveConsole(new PrintWriter(written, true), false), storage, study.id(),
                clock, Direction.MAXIMIZE, "validation_accuracy", 1, Duration.ofMinutes(10), Verbosity.NORMAL, columns);
        FrozenTrial t = startTrial(r);
        epochs(t, 1, 7);
        r.onTrialFinished(null, storage.recordTrialEnd(t.id(), TrialState.COMPLETE, 0.87, new TrialOutcome(null, null,
                new StopReason.EarlyStopped(7, "validation_loss did not improve by 0.001 for 3 epochs (best 0.1375 at epoch 4)"))));
        List<String> lines = written.toString().lines().toList();
        assertThat(lines).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(columns));
        String out = String.join(" ", lines).replaceAll(" +", " ");
        assertThat(out).contains("COMPLETE 0.8700 7 epochs", "stopped early: validation_loss did not improve")
                .doesNotContain("pruned");
        assertThat(out).endsWith("done 1/1 | best 0.9455 (#1) | elapsed 1:10");
    }

    @org.junit.jupiter.api.Test
    void afterTheTimeOutTheSummarySaysOnlyTheRunningTrialsAreLeft() {
        RunStatus status = new RunStatus(List.of(new RunStatus.Running(7, 3, 12, 0.9, Duration.ofSeconds(40))), 4, 24, 0.93, 1,
                "val_acc", Duration.ofMinutes(4), Duration.ofMinutes(21), Duration.ofSeconds(-30));
        assertThat(StatusBlock.summary(status, "", 120))
                .containsExactly("done 4/24 | best 0.9300 (#1) | elapsed 4:00 | time-out reached, finishing 1 running");
    }

    @ParameterizedTest
    @ValueSource(ints = {80, 120})
    void verboseAddsALinePerEpochAndQuietPrintsNothing(int columns) {
        ProgressReporter r = reporter(columns, false, Verbosity.VERBOSE);
        FrozenTrial t = startTrial(r);
        epochs(t, 1, 2);
        r.tick();
        epochs(t, 3, 3);
        r.tick();
        List<String> epochLines = written.toString().lines().filter(l -> l.contains(" epoch ")).toList();
        assertThat(epochLines).hasSize(3);
        assertThat(epochLines.get(2)).startsWith("  trial 2   epoch  3/12  train loss 0.1667 acc 0.84 | val loss 0.1833 acc 0.83");
        assertThat(epochLines).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(columns));

        StringWriter quietOut = new StringWriter();
        ProgressReporter quiet = new ProgressReporter(new LiveConsole(new PrintWriter(quietOut, true), true), storage,
                study.id(), clock, Direction.MAXIMIZE, "validation_accuracy", 3, null, Verbosity.QUIET, columns);
        FrozenTrial q = startTrial(quiet);
        quiet.tick();
        quiet.onTrialFinished(null, storage.finishTrial(q.id(), TrialState.COMPLETE, 0.5, null));
        assertThat(quietOut.toString()).isEmpty();
    }
}
