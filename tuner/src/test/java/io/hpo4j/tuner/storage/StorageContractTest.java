package io.hpo4j.tuner.storage;

import io.hpo4j.tuner.Direction;
import io.hpo4j.tuner.EpochMetrics;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.ObjectiveMetric;
import io.hpo4j.tuner.StopReason;
import io.hpo4j.tuner.TrialOutcome;
import io.hpo4j.tuner.TrialRecord;
import io.hpo4j.tuner.TrialState;
import io.hpo4j.tuner.space.CategoricalDistribution;
import io.hpo4j.tuner.space.Distribution;
import io.hpo4j.tuner.space.FloatDistribution;
import io.hpo4j.tuner.space.IntDistribution;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@link Storage} contract as tests: every implementation extends this class once and
 * provides a fresh, empty storage. Times come from a {@link MutableClock} that starts at
 * {@link #T0} and moves only when a test moves it.
 *
 * <pre>{@code
 * class InMemoryStorageTest extends StorageContractTest {
 *     protected Storage newStorage(Clock clock) {
 *         return new InMemoryStorage(clock);
 *     }
 * }
 * }</pre>
 */
public abstract class StorageContractTest {

    protected static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    protected static final Set<TrialState> ALL = EnumSet.allOf(TrialState.class);

    protected MutableClock clock;
    protected Storage storage;

    /** A new, empty storage that reads the time from {@code clock}. */
    protected abstract Storage newStorage(Clock clock);

    @BeforeEach
    void openStorage() {
        clock = new MutableClock(T0);
        storage = newStorage(clock);
    }

    @AfterEach
    void closeStorage() {
        if (storage != null) {          // null when newStorage skipped the test (no such database here)
            storage.close();
        }
    }

    // ---------------------------------------------------------------- studies

    @Test
    void createStudyReturnsItsNameDirectionAndCreationTime() {
        StudyRecord study = storage.createStudy("demo", Direction.MAXIMIZE);
        assertThat(study.name()).isEqualTo("demo");
        assertThat(study.direction()).isEqualTo(Direction.MAXIMIZE);
        assertThat(study.created()).isEqualTo(T0);
    }

    @Test
    void findStudyReturnsTheCreatedStudyAndEmptyForAnUnknownName() {
        StudyRecord study = storage.createStudy("demo", Direction.MINIMIZE);
        assertThat(storage.findStudy("demo")).contains(study);
        assertThat(storage.findStudy("other")).isEmpty();
    }

    @Test
    void studiesGetDistinctIds() {
        StudyRecord a = storage.createStudy("a", Direction.MINIMIZE);
        StudyRecord b = storage.createStudy("b", Direction.MINIMIZE);
        assertThat(a.id()).isNotEqualTo(b.id());
    }

    @Test
    void createStudyRejectsADuplicateName() {
        storage.createStudy("demo", Direction.MINIMIZE);
        assertThatThrownBy(() -> storage.createStudy("demo", Direction.MAXIMIZE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("demo");
        assertThat(storage.findStudy("demo")).get().extracting(StudyRecord::direction).isEqualTo(Direction.MINIMIZE);
    }

    @Test
    void createStudyRejectsABlankName() {
        assertThatThrownBy(() -> storage.createStudy("  ", Direction.MINIMIZE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> storage.createStudy(null, Direction.MINIMIZE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deleteStudyRemovesTheStudyWithItsTrialsAndSaysWhetherItExisted() {
        StudyRecord doomed = storage.createStudy("doomed", Direction.MINIMIZE);
        FrozenTrial trial = storage.createTrial(doomed.id());
        storage.setTrialParam(trial.id(), "x", FloatDistribution.of(0, 1), 0.5);
        storage.setIntermediateValue(trial.id(), 1, 0.5);
        storage.addEpoch(trial.id(), epoch(1, 0.5));
        storage.setTrialUserAttr(trial.id(), "k", "v");
        storage.setStudyAttr(doomed.id(), "space", Map.of("x", 1));
        StudyRecord kept = storage.createStudy("kept", Direction.MINIMIZE);
        FrozenTrial keptTrial = storage.createTrial(kept.id());

        assertThat(storage.deleteStudy("doomed")).isTrue();

        assertThat(storage.findStudy("doomed")).isEmpty();
        assertThatThrownBy(() -> storage.trial(trial.id())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> storage.trials(doomed.id(), ALL)).isInstanceOf(IllegalArgumentException.class);
        assertThat(storage.deleteStudy("doomed")).isFalse();
        assertThat(storage.trial(keptTrial.id())).isEqualTo(keptTrial);
        assertThat(storage.studies()).extracting(s -> s.study().name()).containsExactly("kept");
    }

    @Test
    void aDeletedStudyNameCanBeUsedAgainAndStartsNumberingAtZero() {
        StudyRecord first = storage.createStudy("demo", Direction.MINIMIZE);
        storage.createTrial(first.id());
        storage.createTrial(first.id());
        storage.deleteStudy("demo");

        StudyRecord second = storage.createStudy("demo", Direction.MAXIMIZE);
        assertThat(storage.createTrial(second.id()).number()).isZero();
        assertThat(storage.trials(second.id(), ALL)).hasSize(1);
    }

    @Test
    void studyAttrsRoundTripJsonValuesAndALaterSetReplacesTheValue() {
        long study = storage.createStudy("demo", Direction.MINIMIZE).id();
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("layers", List.of(64, 32));
        nested.put("optimizer", Map.of("name", "adam", "beta1", 0.9));
        nested.put("nothing", null);
        storage.setStudyAttr(study, "config", nested);
        storage.setStudyAttr(study, "text", "quote \" backslash \\ newline \n unicode é");
        storage.setStudyAttr(study, "flag", true);
        storage.setStudyAttr(study, "big", 1L << 40);
        storage.setStudyAttr(study, "absent", null);
        storage.setStudyAttr(study, "count", 1);
        storage.setStudyAttr(study, "count", 2);

        Map<String, Object> attrs = storage.studyAttrs(study);
        assertThat(attrs).containsOnlyKeys("config", "text", "flag", "big", "absent", "count");
        assertThat(attrs.get("config")).isEqualTo(nested);
        assertThat(attrs.get("text")).isEqualTo("quote \" backslash \\ newline \n unicode é");
        assertThat(attrs.get("flag")).isEqualTo(true);
        assertThat(attrs.get("big")).isEqualTo(1L << 40);
        assertThat(attrs.get("absent")).isNull();
        assertThat(attrs.get("count")).isEqualTo(2);
    }

    @Test
    void studyAttrsAreKeptPerStudy() {
        long a = storage.createStudy("a", Direction.MINIMIZE).id();
        long b = storage.createStudy("b", Direction.MINIMIZE).id();
        storage.setStudyAttr(a, "k", "for a");
        assertThat(storage.studyAttrs(a)).containsEntry("k", "for a");
        assertThat(storage.studyAttrs(b)).isEmpty();
    }

    // ---------------------------------------------------------------- trial numbers

    @Test
    void trialsAreNumberedFromZeroPerStudyIndependently() {
        long a = storage.createStudy("a", Direction.MINIMIZE).id();
        long b = storage.createStudy("b", Direction.MINIMIZE).id();
        List<Integer> numbersA = new ArrayList<>();
        List<Integer> numbersB = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            numbersA.add(storage.createTrial(a).number());
            numbersB.add(storage.createTrial(b).number());
        }
        numbersA.add(storage.createTrial(a).number());
        assertThat(numbersA).containsExactly(0, 1, 2, 3);
        assertThat(numbersB).containsExactly(0, 1, 2);
    }

    @Test
    void trialIdsAreUniqueAcrossStudies() {
        long a = storage.createStudy("a", Direction.MINIMIZE).id();
        long b = storage.createStudy("b", Direction.MINIMIZE).id();
        Set<Long> ids = new java.util.HashSet<>();
        for (int i = 0; i < 3; i++) {
            ids.add(storage.createTrial(a).id());
            ids.add(storage.createTrial(b).id());
        }
        assertThat(ids).hasSize(6);
    }

    @Test
    void createdAndEnqueuedTrialsShareOneNumberSequence() {
        long study = storage.createStudy("demo", Direction.MINIMIZE).id();
        assertThat(storage.createTrial(study).number()).isEqualTo(0);
        assertThat(storage.enqueueTrial(study, Map.of("x", 1)).number()).isEqualTo(1);
        assertThat(storage.createTrial(study).number()).isEqualTo(2);
        assertThat(storage.claimWaitingTrial(study)).get().extracting(FrozenTrial::number).isEqualTo(1);
        assertThat(storage.createTrial(study).number()).isEqualTo(3);
    }

    @Test
    void concurrentWritersGetEachNumberExactlyOnce() throws Exception {
        long study = storage.createStudy("crowded", Direction.MINIMIZE).id();
        long other = storage.createStudy("other", Direction.MINIMIZE).id();
        int threads = 8;
        int perThread = 25;
        List<Integer> numbers = Collections.synchronizedList(new ArrayList<>());
        List<Integer> otherNumbers = Collections.synchronizedList(new ArrayList<>());
        runConcurrently(threads, worker -> {
            for (int i = 0; i < perThread; i++) {
                FrozenTrial t = (i % 5 == 0) ? storage.enqueueTrial(study, Map.of("worker", worker))
                        : storage.createTrial(study);
                numbers.add(t.number());
                if (i % 4 == 0) {
                    otherNumbers.add(storage.createTrial(other).number());
                }
            }
        });
        List<Integer> expected = IntStream.range(0, threads * perThread).boxed().toList();
        assertThat(numbers).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(storage.trials(study, ALL)).extracting(FrozenTrial::number).containsExactlyElementsOf(expected);
        assertThat(otherNumbers).containsExactlyInAnyOrderElementsOf(
                IntStream.range(0, otherNumbers.size()).boxed().toList());
    }

    // ---------------------------------------------------------------- life cycle

    @Test
    void createTrialStartsARunningTrialNow() {
        long study = storage.createStudy("demo", Direction.MINIMIZE).id();
        clock.advance(Duration.ofSeconds(90));
        FrozenTrial trial = storage.createTrial(study);
        assertThat(trial.state()).isEqualTo(TrialState.RUNNING);
        assertThat(trial.start()).isEqualTo(T0.plusSeconds(90));
        assertThat(trial.complete()).isNull();
        assertThat(trial.value()).isNull();
        assertThat(trial.failReason()).isNull();
        assertThat(trial.params()).isEmpty();
        assertThat(trial.intermediateValues()).isEmpty();
        assertThat(storage.trial(trial.id())).isEqualTo(trial);
    }

    @Test
    void enqueueTrialAddsAWaitingTrialThatRecordsItsEnqueuedParams() {
        long study = storage.createStudy("demo", Direction.MINIMIZE).id();
        Map<String, Object> fixed = new LinkedHashMap<>();
        fixed.put("lr", 0.01);
        fixed.put("units", 64);
        fixed.put("activation", "relu");
        FrozenTrial waiting = storage.enqueueTrial(study, fixed);
        assertThat(waiting.state()).isEqualTo(TrialState.WAITING);
        assertThat(waiting.start()).isNull();
        assertThat(waiting.record().enqueuedParams()).isEqualTo(fixed);
        assertThat(waiting.record().enqueued()).isTrue();
        assertThat(waiting.systemAttrs()).isEmpty();
        assertThat(storage.trial(waiting.id())).isEqualTo(waiting);
    }

    @Test
    void claimWaitingTrialStartsTheLowestNumberedWaitingTrial() {
        long study = storage.createStudy("demo", Direction.MINIMIZE).id();
        storage.createTrial(study);
        FrozenTrial first = storage.enqueueTrial(study, Map.of("x", 1));
        FrozenTrial second = storage.enqueueTrial(study, Map.of("x", 2));
        clock.advance(Duration.ofMinutes(1));

        FrozenTrial claimed = storage.claimWaitingTrial(study).orElseThrow();
        assertThat(claimed.id()).isEqualTo(first.id());
        assertThat(claimed.state()).isEqualTo(TrialState.RUNNING);
        assertThat(claimed.start()).isEqualTo(T0.plusSeconds(60));
        assertThat(claimed.record().enqueuedParams()).isEqualTo(Map.of("x", 1));
        assertThat(storage.trial(first.id()).state()).isEqualTo(TrialState.RUNNING);

        assertThat(storage.claimWaitingTrial(study)).get().extracting(FrozenTrial::id).isEqualTo(second.id());
        assertThat(storage.claimWaitingTrial(study)).isEmpty();
    }

    @Test
    void claimWaitingTrialOnlyTakesTrialsOfItsStudy() {
        long a = storage.createStudy("a", Direction.MINIMIZE).id();
        long b = storage.createStudy("b", Direction.MINIMIZE).id();
        storage.enqueueTrial(a, Map.of());
        assertThat(storage.claimWaitingTrial(b)).isEmpty();
        assertThat(storage.claimWaitingTrial(a)).isPresent();
    }

    @Test
    void claimOrCreateTrialTakesTheWaitingTrialsFirstThenStartsNewOnes() {
        long study = storage.createStudy("demo", Direction.MINIMIZE).id();
        FrozenTrial waiting = storage.enqueueTrial(study, Map.of("x", 1));
        clock.advance(Duration.ofMinutes(1));

        FrozenTrial claimed = storage.claimOrCreateTrial(study);
        assertThat(claimed.id()).isEqualTo(waiting.id());
        assertThat(claimed.state()).isEqualTo(TrialState.RUNNING);
        assertThat(claimed.start()).isEqualTo(T0.plusSeconds(60));
        assertThat(claimed.record().enqueuedParams()).isEqualTo(Map.of("x", 1));

        FrozenTrial created = storage.claimOrCreateTrial(study);
        assertThat(created.number()).isEqualTo(1);
        assertThat(created.state()).isEqualTo(TrialState.RUNNING);
        assertThat(created.record().enqueued()).isFalse();
        assertThat(storage.trials(study, EnumSet.of(TrialState.RUNNING))).extracting(FrozenTrial::number).containsExactly(0, 1);
    }

    @Test
    void concurrentClaimOrCreateGivesEachWaitingTrialOnceAndEveryNumberOnce() throws Exception {
        long study = storage.createStudy("queue", Direction.MINIMIZE).id();
        for (int i = 0; i < 10; i++) {
            storage.enqueueTrial(study, Map.of("i", i));
        }
        List<FrozenTrial> started = Collections.synchronizedList(new ArrayList<>());
        runConcurrently(4, worker -> {
            for (int i = 0; i < 8; i++) {
                started.add(storage.claimOrCreateTrial(study));
            }
        });
        assertThat(started).extracting(FrozenTrial::number).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(0, 32).boxed().toList());
        assertThat(started.stream().filter(t -> t.record().enqueued())).hasSize(10);
        assertThat(storage.trials(study, EnumSet.of(TrialState.WAITING))).isEmpty();
    }

    @Test
    void concurrentClaimsTakeEachWaitingTrialOnce() throws Exception {
        long study = storage.createStudy("queue", Direction.MINIMIZE).id();
        int waiting = 40;
        for (int i = 0; i < waiting; i++) {
            storage.enqueueTrial(study, Map.of("i", i));
        }
        List<Long> claimed = Collections.synchronizedList(new ArrayList<>());
        runConcurrently(4, worker -> {
            Optional<FrozenTrial> t;
            while ((t = storage.claimWaitingTrial(study)).isPresent()) {
                claimed.add(t.get().id());
            }
        });
        assertThat(claimed).hasSize(waiting).doesNotHaveDuplicates();
        assertThat(storage.trials(study, EnumSet.of(TrialState.WAITING))).isEmpty();
        assertThat(storage.trials(study, EnumSet.of(TrialState.RUNNING))).hasSize(waiting);
    }

    @Test
    void finishTrialRecordsStateValueReasonAndCompletionTime() {
        long study = storage.createStudy("demo", Direction.MINIMIZE).id();
        FrozenTrial complete = storage.createTrial(study);
        FrozenTrial pruned = storage.createTrial(study);
        FrozenTrial failed = storage.createTrial(study);
        clock.advance(Duration.ofSeconds(30));

        FrozenTrial c = storage.finishTrial(complete.id(), TrialState.COMPLETE, 0.125, null);
        FrozenTrial p = storage.finishTrial(pruned.id(), TrialState.PRUNED, 0.75, "median pruner at step 3");
        FrozenTrial f = storage.finishTrial(failed.id(), TrialState.FAIL, null, "java.lang.OutOfMemoryError: boom");

        assertThat(c.state()).isEqualTo(TrialState.COMPLETE);
        assertThat(c.value()).isEqualTo(0.125);
        assertThat(c.failReason()).isNull();
        assertThat(c.complete()).isEqualTo(T0.plusSeconds(30));
        assertThat(c.duration()).contains(Duration.ofSeconds(30));
        assertThat(p.state()).isEqualTo(TrialState.PRUNED);
        assertThat(p.value()).isEqualTo(0.75);
        assertThat(p.failReason()).isEqualTo("median pruner at step 3");
        assertThat(f.state()).isEqualTo(TrialState.FAIL);
        assertThat(f.value()).isNull();
        assertThat(f.failReason()).isEqualTo("java.lang.OutOfMemoryError: boom");
        assertThat(storage.trial(complete.id())).isEqualTo(c);
        assertThat(storage.trial(pruned.id())).isEqualTo(p);
        assertThat(storage.trial(failed.id())).isEqualTo(f);
    }

    @Test
    void finishTrialKeepsParamsValuesAndAttributes() {
        long study = storage.createStudy("demo", Direction.MINIMIZE).id();
        FrozenTrial trial = storage.createTrial(study);
        storage.setTrialParam(trial.id(), "x", FloatDistribution.of(0, 1), 0.25);
        storage.setIntermediateValue(trial.id(), 1, 0.5);
        storage.setTrialUserAttr(trial.id(), "note", "hello");
        FrozenTrial finished = storage.finishTrial(trial.id(), TrialState.COMPLETE, 0.5, null);
        assertThat(finished.params()).containsExactly(Map.entry("x", 0.25));
        assertThat(finished.intermediateValues()).containsExactly(Map.entry(1, 0.5));
        assertThat(finished.userAttrs()).containsExactly(Map.entry("note", "hello"));
    }

    @Test
    void finishTrialRejectsStatesThatAreNotFinished() {
        long study = storage.createStudy("demo", Direction.MINIMIZE).id();
        FrozenTrial trial = storage.createTrial(study);
        assertThatThrownBy(() -> storage.finishTrial(trial.id(), TrialState.RUNNING, 1.0, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RUNNING");
        assertThatThrownBy(() -> storage.finishTrial(trial.id(), TrialState.WAITING, 1.0, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("WAITING");
        assertThat(storage.trial(trial.id()).state()).isEqualTo(TrialState.RUNNING);
    }

    @Test
    void finishedTrialsAreReadOnly() {
        long study = storage.createStudy("demo", Direction.MINIMIZE).id();
        FrozenTrial trial = storage.createTrial(study);
        storage.setTrialParam(trial.id(), "x", FloatDistribution.of(0, 1), 0.25);
        FrozenTrial finished = storage.finishTrial(trial.id(), TrialState.PRUNED, 0.5, "pruned");
        long id = trial.id();

        Map<String, Runnable> writes = new LinkedHashMap<>();
        writes.put("setTrialParam", () -> storage.setTrialParam(id, "y", IntDistribution.of(0, 3), 1));
        writes.put("setIntermediateValue", () -> storage.setIntermediateValue(id, 2, 0.1));
        writes.put("addEpoch", () -> storage.addEpoch(id, epoch(1, 0.1)));
        writes.put("setTrialUserAttr", () -> storage.setTrialUserAttr(id, "k", "v"));
        writes.put("setTrialSystemAttr", () -> storage.setTrialSystemAttr(id, "k", "v"));
        writes.put("finishTrial COMPLETE", () -> storage.finishTrial(id, TrialState.COMPLETE, 0.1, null));
        writes.put("finishTrial FAIL", () -> storage.finishTrial(id, TrialState.FAIL, null, "again"));
        writes.forEach((name, write) -> assertThatThrownBy(write::run).as(name)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("trial " + finished.number())
                .hasMessageContaining("PRUNED"));
        assertThat(storage.trial(id)).isEqualTo(finished);
        assertThat(storage.epochs(id)).isEmpty();
    }

    @Test
    void waitingTrialsAreNotWritableUntilClaimed() {
        long study = storage.createStudy("demo", Direction.MINIMIZE).id();
        FrozenTrial waiting = storage.enqueueTrial(study, Map.of());
        assertThatThrownBy(() -> storage.setIntermediateValue(waiting.id(), 1, 0.5))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("WAITING");
        assertThatThrownBy(() -> storage.finishTrial(waiting.id(), TrialState.COMPLETE, 0.5, null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("WAITING");
        storage.claimWaitingTrial(study);
        storage.setIntermediateValue(waiting.id(), 1, 0.5);
        assertThat(storage.trial(waiting.id()).intermediateValues()).containsEntry(1, 0.5);
    }

    // ---------------------------------------------------------------- params

    @Test
    void paramsOfEveryDistributionKindReadBackExactlyWithTheirTypes() {
        long study = storage.createStudy("demo", Direction.MINIMIZE).id();
        long id = storage.createTrial(study).id();
        Map<String, Distribution> distributions = new LinkedHashMap<>();
        Map<String, Object> values = new LinkedHashMap<>();
        put(distributions, values, "learning_rate", FloatDistribution.logOf(1e-5, 1e-1), 0.0012345678901234567);
        put(distributions, values, "dropout", FloatDistribution.stepped(0.0, 0.5, 0.1), 0.30000000000000004);
        put(distributions, values, "momentum", FloatDistribution.of(-1, 1), -1.0 / 3);
        put(distributions, values, "units", IntDistribution.logOf(16, 1024), 137);
        put(distributions, values, "layers", IntDistribution.stepped(1, 9, 2), 7);
        put(distributions, values, "activation", CategoricalDistribution.of("relu", "tanh", "gelu"), "tanh");
        put(distributions, values, "batch_norm", CategoricalDistribution.of(true, false), false);
        put(distributions, values, "batch_size", CategoricalDistribution.of(32, 64, 128), 64);
        put(distributions, values, "scale", CategoricalDistribution.of(0.5, 2.5), 2.5);
        put(distributions, values, "seed", CategoricalDistribution.of(1L << 40, 7), 1L << 40);
        distributions.forEach((name, d) -> storage.setTrialParam(id, name, d, values.get(name)));

        FrozenTrial trial = storage.trial(id);
        assertThat(trial.params()).containsExactlyEntriesOf(values);
        assertThat(trial.distributions()).containsExactlyEntriesOf(distributions);
        assertThat(trial.params().get("learning_rate")).isInstanceOf(Double.class);
        assertThat(trial.params().get("units")).isInstanceOf(Integer.class);
        assertThat(trial.params().get("activation")).isInstanceOf(String.class);
        assertThat(trial.params().get("batch_norm")).isInstanceOf(Boolean.class);
        assertThat(trial.params().get("batch_size")).isInstanceOf(Integer.class);
        assertThat(trial.params().get("scale")).isInstanceOf(Double.class);
        assertThat(trial.params().get("seed")).isInstanceOf(Long.class);
        assertThat(storage.trials(study, ALL).get(0).params()).containsExactlyEntriesOf(values);
    }

    @Test
    void setTrialParamStoresTheDistributionsCanonicalValue() {
        long study = storage.createStudy("demo", Direction.MINIMIZE).id();
        long id = storage.createTrial(study).id();
        storage.setTrialParam(id, "units", IntDistribution.of(1, 100), 5L);
        storage.setTrialParam(id, "x", FloatDistribution.of(0, 10), 3);
        storage.setTrialParam(id, "batch", CategoricalDistribution.of(32, 64), 64.0);
        Map<String, Object> params = storage.trial(id).params();
        assertThat(params.get("units")).isEqualTo(5);
        assertThat(params.get("x")).isEqualTo(3.0);
        assertThat(params.get("batch")).isEqualTo(64);
    }

    @Test
    void setTrialParamRejectsAValueOutsideTheDistribution() {
        long study = storage.createStudy("demo", Direction.MINIMIZE).id();
        long id = storage.createTrial(study).id();
        assertThatThrownBy(() -> storage.setTrialParam(id, "units", IntDistribution.of(1, 10), 11))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("units").hasMessageContaining("11");
        assertThatThrownBy(() -> storage.setTrialParam(id, "act", CategoricalDistribution.of("relu"), "tanh"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tanh");
        assertThat(storage.trial(id).params()).isEmpty();
    }

    @Test
    void aParamIsSetOncePerTrial() {
        long study = storage.createStudy("demo", Direction.MINIMIZE).id();
        long id = storage.createTrial(study).id();
        storage.setTrialParam(id, "units", IntDistribution.of(1, 10), 3);
        assertThatThrownBy(() -> storage.setTrialParam(id, "units", IntDistribution.of(1, 10), 4))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("units");
        assertThat(storage.trial(id).params()).containsExactly(Map.entry("units", 3));
    }

    // ---------------------------------------------------------------- values and epochs

    @Test
    void intermediateValuesKeepNaNAndInfinitiesAndAreSortedByStep() {
        long study = storage.createStudy("demo", Direction.MINIMIZE).id();
        long id = storage.createTrial(study).id();
        storage.setIntermediateValue(id, 4, Double.NaN);
        storage.setIntermediateValue(id, 1, 0.5);
        storage.setIntermediateValue(id, 3, Double.NEGATIVE_INFINITY);
        storage.setIntermediateValue(id, 2, Double.POSITIVE_INFINITY);
        storage.setIntermediateValue(id, 0, Double.MIN_VALUE);

        FrozenTrial trial = storage.trial(id);
        assertThat(trial.intermediateValues().keySet()).containsExactly(0, 1, 2, 3, 4);
        assertThat(trial.intermediateValues().get(0)).isEqualTo(Double.MIN_VALUE);
        assertThat(trial.intermediateValues().get(1)).isEqualTo(0.5);
        assertThat(trial.intermediateValues().get(2)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(trial.intermediateValues().get(3)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(trial.intermediateValues().get(4)).isNaN();
        assertThat(trial.lastStep()).contains(4);
    }

    @Test
    void settingAnIntermediateValueAgainReplacesThatStep() {
        long study = storage.createStudy("demo", Direction.MINIMIZE).id();
        long id = storage.createTrial(study).id();
        storage.setIntermediateValue(id, 1, 0.9);
        storage.setIntermediateValue(id, 2, 0.8);
        storage.setIntermediateValue(id, 1, 0.7);
        assertThat(storage.trial(id).intermediateValues()).containsExactly(Map.entry(1, 0.7), Map.entry(2, 0.8));
    }

    @Test
    void epochsReadBackInOrderWithNaNAndInfiniteMetrics() {
        long study = storage.createStudy("demo", Direction.MINIMIZE).id();
        long id = storage.createTrial(study).id();
        EpochMetrics second = new EpochMetrics(2, Double.POSITIVE_INFINITY, Double.NaN, Double.NaN, Double.NaN, 2.5);
        EpochMetrics first = new EpochMetrics(1, 0.693, Double.NaN, 0.7001, 0.51, 1.25);
        EpochMetrics third = new EpochMetrics(3, 0.1, 0.97, Double.NEGATIVE_INFINITY, 1.0, 0.0);
        storage.addEpoch(id, second);
        storage.addEpoch(id, first);
        storage.addEpoch(id, third);
        assertThat(storage.epochs(id)).containsExactly(first, second, third);
    }

    @Test
    void addingAnEpochAgainReplacesIt() {
        long study = storage.createStudy("demo", Direction.MINIMIZE).id();
        long id = storage.createTrial(study).id();
        storage.addEpoch(id, epoch(1, 0.9));
        storage.addEpoch(id, epoch(1, 0.4));
        assertThat(storage.epochs(id)).containsExactly(epoch(1, 0.4));
    }

    @Test
    void epochsAreKeptPerTrial() {
        long study = storage.createStudy("demo", Direction.MINIMIZE).id();
        long a = storage.createTrial(study).id();
        long b = storage.createTrial(study).id();
        storage.addEpoch(a, epoch(1, 0.5));
        assertThat(storage.epochs(a)).hasSize(1);
        assertThat(storage.epochs(b)).isEmpty();
    }

    // ---------------------------------------------------------------- trial attributes

    @Test
    void userAndSystemAttrsRoundTripNestedMapsAndLists() {
        long study = storage.createStudy("demo", Direction.MINIMIZE).id();
        long id = storage.createTrial(study).id();
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("java", "17.0.15");
        provenance.put("cpus", 2);
        provenance.put("dataset", Map.of("name", "iris", "sha256", "ab12", "rows", 150));
        provenance.put("parents", List.of(3, 7));
        provenance.put("history", List.of(Map.of("gen", 0, "best", 0.5), Arrays.asList(1.5, null, "x", false)));
        provenance.put("seed", -1L << 50);
        storage.setTrialSystemAttr(id, "provenance", provenance);
        storage.setTrialSystemAttr(id, "generation", 3);
        storage.setTrialUserAttr(id, "notes", List.of("first", "second"));
        storage.setTrialUserAttr(id, "accuracy", 0.875);
        storage.setTrialUserAttr(id, "empty", Map.of());

        FrozenTrial trial = storage.trial(id);
        assertThat(trial.systemAttrs()).containsOnlyKeys("provenance", "generation");
        assertThat(trial.systemAttrs().get("provenance")).isEqualTo(provenance);
        assertThat(trial.systemAttrs().get("generation")).isEqualTo(3);
        assertThat(trial.userAttrs()).containsOnlyKeys("notes", "accuracy", "empty");
        assertThat(trial.userAttrs().get("notes")).isEqualTo(List.of("first", "second"));
        assertThat(trial.userAttrs().get("accuracy")).isEqualTo(0.875);
        assertThat(trial.userAttrs().get("empty")).isEqualTo(Map.of());
    }

    @Test
    void settingAnAttrAgainReplacesItAndUserAndSystemAttrsAreSeparate() {
        long study = storage.createStudy("demo", Direction.MINIMIZE).id();
        long id = storage.createTrial(study).id();
        storage.setTrialUserAttr(id, "k", "user 1");
        storage.setTrialSystemAttr(id, "k", "system");
        storage.setTrialUserAttr(id, "k", "user 2");
        FrozenTrial trial = storage.trial(id);
        assertThat(trial.userAttrs()).containsExactly(Map.entry("k", "user 2"));
        assertThat(trial.systemAttrs()).containsExactly(Map.entry("k", "system"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void nonFiniteNumbersInAttrsComeBackAsNumbers() {
        long study = storage.createStudy("demo", Direction.MINIMIZE).id();
        long id = storage.createTrial(study).id();
        storage.setTrialUserAttr(id, "values", Arrays.asList(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1.5));
        storage.setStudyAttr(study, "nan", Double.NaN);
        assertThat((List<Object>) storage.trial(id).userAttrs().get("values"))
                .containsExactly((Object) Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1.5);
        assertThat(storage.studyAttrs(study).get("nan")).isInstanceOf(Double.class).isEqualTo(Double.NaN);
    }

    // ---------------------------------------------------------------- typed trial records

    @Test
    void recordTrialStartStoresTheSeedAndTheSystemAttrsTogether() {
        long study = storage.createStudy("demo", Direction.MINIMIZE).id();
        long id = storage.createTrial(study).id();
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("sampler", Map.of("type", "random"));
        attrs.put("seed", 7);
        storage.recordTrialStart(id, -1L << 60, attrs);
        FrozenTrial t = storage.trial(id);
        assertThat(t.record().seed()).isEqualTo(-1L << 60);
        assertThat(t.systemAttrs()).isEqualTo(attrs);
        assertThat(t.record().stopReason()).isNull();
    }

    @Test
    void recordTrialStartWithParametersStoresThemWithTheSeedAllOrNothing() {
        long study = storage.createStudy("demo", Direction.MINIMIZE).id();
        long id = storage.createTrial(study).id();
        Map<String, ParamValue> params = new LinkedHashMap<>();
        params.put("lr", new ParamValue(FloatDistribution.logOf(1e-4, 1e-1), 0.01));
        params.put("layers", new ParamValue(IntDistribution.of(1, 3), 2));
        params.put("act", new ParamValue(CategoricalDistribution.of("relu", "tanh"), "tanh"));
        storage.recordTrialStart(id, 9L, Map.of("sampler", "random"), params);
        FrozenTrial t = storage.trial(id);
        assertThat(t.record().seed()).isEqualTo(9L);
        assertThat(t.systemAttrs()).containsEntry("sampler", "random");
        assertThat(t.params()).containsExactly(Map.entry("lr", 0.01), Map.entry("layers", 2), Map.entry("act", "tanh"));
        assertThat(t.distributions().get("layers")).isEqualTo(IntDistribution.of(1, 3));

        long other = storage.createTrial(study).id();
        storage.setTrialParam(other, "layers", IntDistribution.of(1, 3), 1);
        assertThatThrownBy(() -> storage.recordTrialStart(other, 5L, Map.of("sampler", "random"), params))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("layers");
        FrozenTrial unchanged = storage.trial(other);
        assertThat(unchanged.record().seed()).isNull();
        assertThat(unchanged.systemAttrs()).isEmpty();
        assertThat(unchanged.params()).containsOnlyKeys("layers");

        storage.recordTrialEnd(id, TrialState.COMPLETE, 1.0, TrialOutcome.of(TrialState.COMPLETE, null));
        assertThatThrownBy(() -> storage.recordTrialStart(id, 9L, Map.of(), Map.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("COMPLETE");
    }

    @Test
    void recordTrialEndStoresObjectiveMetricBestEpochAndStopReason() {
        long study = storage.createStudy("demo", Direction.MAXIMIZE).id();
        long id = storage.createTrial(study).id();
        storage.recordTrialStart(id, 42L, Map.of());
        ObjectiveMetric accuracy = new ObjectiveMetric("validation_accuracy", Direction.MAXIMIZE);
        FrozenTrial done = storage.recordTrialEnd(id, TrialState.COMPLETE, 0.9,
                new TrialOutcome(accuracy, 4, new StopReason.EarlyStopped(7, "no improvement for 3 epochs")));
        assertThat(storage.trial(id)).isEqualTo(done);
        TrialRecord r = done.record();
        assertThat(r.objective()).isEqualTo(accuracy);
        assertThat(r.seed()).isEqualTo(42L);
        assertThat(r.bestEpoch()).isEqualTo(4);
        assertThat(r.stopReason()).isEqualTo(new StopReason.EarlyStopped(7, "no improvement for 3 epochs"));
        assertThat(done.failReason()).isEqualTo("no improvement for 3 epochs");
    }

    @Test
    void everyStopReasonRoundTrips() {
        long study = storage.createStudy("demo", Direction.MINIMIZE).id();
        List<StopReason> reasons = List.of(new StopReason.Completed(10), new StopReason.Completed(null),
                new StopReason.EarlyStopped(3, "patience"), new StopReason.Pruned(2, "median"),
                new StopReason.Pruned(null, "before any step"), new StopReason.Diverged(5, "train_loss became NaN"),
                new StopReason.Failed("boom"), new StopReason.Interrupted("Ctrl-C"), new StopReason.WorkerLost("no heartbeat"));
        for (StopReason reason : reasons) {
            long id = storage.createTrial(study).id();
            TrialState state = reason instanceof StopReason.Completed || reason instanceof StopReason.EarlyStopped
                    ? TrialState.COMPLETE : reason instanceof StopReason.Pruned ? TrialState.PRUNED : TrialState.FAIL;
            storage.recordTrialEnd(id, state, state == TrialState.FAIL ? null : 1.0, new TrialOutcome(null, null, reason));
            assertThat(storage.trial(id).record().stopReason()).as("%s", reason).isEqualTo(reason);
        }
    }

    @Test
    void finishingWithAStateAndAReasonRecordsTheMatchingStopReason() {
        long study = storage.createStudy("demo", Direction.MINIMIZE).id();
        long a = storage.createTrial(study).id();
        long b = storage.createTrial(study).id();
        long c = storage.createTrial(study).id();
        assertThat(storage.finishTrial(a, TrialState.COMPLETE, 1.0, null).record().stopReason())
                .isEqualTo(new StopReason.Completed(null));
        assertThat(storage.finishTrial(b, TrialState.PRUNED, 1.0, "median").record().stopReason())
                .isEqualTo(new StopReason.Pruned(null, "median"));
        assertThat(storage.finishTrial(c, TrialState.FAIL, null, "boom").record().stopReason())
                .isEqualTo(new StopReason.Failed("boom"));
    }

    @Test
    void staleTrialsAreRecordedAsLostWorkers() {
        long study = storage.createStudy("demo", Direction.MINIMIZE).id();
        long id = storage.createTrial(study).id();
        clock.advance(Duration.ofMinutes(5));
        storage.failStaleTrials(study, clock.instant().minusSeconds(60), "no heartbeat for 60 s");
        assertThat(storage.trial(id).record().stopReason()).isEqualTo(new StopReason.WorkerLost("no heartbeat for 60 s"));
    }

    @Test
    void setTrialParamsRecordsAllInOrderOrNone() {
        long study = storage.createStudy("demo", Direction.MINIMIZE).id();
        long id = storage.createTrial(study).id();
        Map<String, ParamValue> params = new LinkedHashMap<>();
        params.put("units", new ParamValue(IntDistribution.of(1, 10), 4));
        params.put("lr", new ParamValue(new FloatDistribution(1e-4, 1, true, 0), 0.01));
        storage.setTrialParams(id, params);
        assertThat(storage.trial(id).params()).containsExactly(Map.entry("units", 4), Map.entry("lr", 0.01));

        Map<String, ParamValue> bad = new LinkedHashMap<>();
        bad.put("fresh", new ParamValue(IntDistribution.of(1, 3), 2));
        bad.put("outside", new ParamValue(IntDistribution.of(1, 3), 9));
        assertThatThrownBy(() -> storage.setTrialParams(id, bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("outside");
        assertThat(storage.trial(id).params()).containsOnlyKeys("units", "lr");
    }

    // ---------------------------------------------------------------- reads

    @Test
    void trialByNumberFindsTheTrialOfThatStudy() {
        long a = storage.createStudy("a", Direction.MINIMIZE).id();
        long b = storage.createStudy("b", Direction.MINIMIZE).id();
        storage.createTrial(a);
        FrozenTrial a1 = storage.createTrial(a);
        FrozenTrial b0 = storage.createTrial(b);
        assertThat(storage.trial(a, 1)).contains(a1);
        assertThat(storage.trial(b, 0)).contains(b0);
        assertThat(storage.trial(b, 1)).isEmpty();
    }

    @Test
    void trialsReturnsTheRequestedStatesInNumberOrder() {
        long study = storage.createStudy("demo", Direction.MINIMIZE).id();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(storage.createTrial(study).id());
        }
        storage.enqueueTrial(study, Map.of());
        storage.finishTrial(ids.get(4), TrialState.COMPLETE, 1.0, null);
        storage.finishTrial(ids.get(1), TrialState.COMPLETE, 2.0, null);
        storage.finishTrial(ids.get(2), TrialState.FAIL, null, "boom");
        storage.finishTrial(ids.get(3), TrialState.PRUNED, 3.0, "pruned");

        assertThat(storage.trials(study, EnumSet.of(TrialState.COMPLETE))).extracting(FrozenTrial::number)
                .containsExactly(1, 4);
        assertThat(storage.trials(study, EnumSet.of(TrialState.COMPLETE, TrialState.PRUNED)))
                .extracting(FrozenTrial::number).containsExactly(1, 3, 4);
        assertThat(storage.trials(study, EnumSet.of(TrialState.RUNNING))).extracting(FrozenTrial::number)
                .containsExactly(0, 5);
        assertThat(storage.trials(study, EnumSet.of(TrialState.WAITING))).extracting(FrozenTrial::number)
                .containsExactly(6);
        assertThat(storage.trials(study, ALL)).extracting(FrozenTrial::number).containsExactly(0, 1, 2, 3, 4, 5, 6);
        assertThat(storage.trials(study, EnumSet.noneOf(TrialState.class))).isEmpty();
    }

    @Test
    void trialsFromReturnsTheTrialsFromANumberOnInEveryStateOfThatStudyOnly() {
        long study = storage.createStudy("demo", Direction.MINIMIZE).id();
        long other = storage.createStudy("other", Direction.MINIMIZE).id();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(storage.createTrial(study).id());
            storage.createTrial(other);
        }
        storage.enqueueTrial(study, Map.of());
        storage.finishTrial(ids.get(3), TrialState.COMPLETE, 1.0, null);
        storage.finishTrial(ids.get(4), TrialState.FAIL, null, "boom");

        assertThat(storage.trialsFrom(study, 3)).extracting(FrozenTrial::number).containsExactly(3, 4, 5);
        assertThat(storage.trialsFrom(study, 3)).extracting(FrozenTrial::state)
                .containsExactly(TrialState.COMPLETE, TrialState.FAIL, TrialState.WAITING);
        assertThat(storage.trialsFrom(study, 0)).isEqualTo(storage.trials(study, ALL));
        assertThat(storage.trialsFrom(study, 6)).isEmpty();
    }

    @Test
    void trialsListsEachTrialWithItsOwnParamsValuesAndAttributes() {
        long study = storage.createStudy("demo", Direction.MINIMIZE).id();
        long other = storage.createStudy("other", Direction.MINIMIZE).id();
        for (int i = 0; i < 5; i++) {
            long id = storage.createTrial(study).id();
            storage.setTrialParam(id, "i", IntDistribution.of(0, 10), i);
            storage.setIntermediateValue(id, 1, i / 10.0);
            storage.setTrialUserAttr(id, "i", i);
            storage.setTrialSystemAttr(id, "twice", 2 * i);
            long noise = storage.createTrial(other).id();
            storage.setTrialParam(noise, "i", IntDistribution.of(0, 10), 10);
        }
        List<FrozenTrial> trials = storage.trials(study, ALL);
        assertThat(trials).hasSize(5);
        for (FrozenTrial t : trials) {
            int i = t.number();
            assertThat(t.params()).containsExactly(Map.entry("i", i));
            assertThat(t.intermediateValues()).containsExactly(Map.entry(1, i / 10.0));
            assertThat(t.userAttrs()).containsExactly(Map.entry("i", i));
            assertThat(t.systemAttrs()).containsExactly(Map.entry("twice", 2 * i));
            assertThat(storage.trial(t.id())).isEqualTo(t);
        }
    }

    @Test
    void snapshotsDoNotChangeWhenTheTrialDoes() {
        long study = storage.createStudy("demo", Direction.MINIMIZE).id();
        FrozenTrial before = storage.createTrial(study);
        storage.setTrialParam(before.id(), "x", FloatDistribution.of(0, 1), 0.5);
        storage.setIntermediateValue(before.id(), 1, 0.5);
        storage.setTrialUserAttr(before.id(), "k", "v");
        storage.finishTrial(before.id(), TrialState.COMPLETE, 0.5, null);
        assertThat(before.params()).isEmpty();
        assertThat(before.intermediateValues()).isEmpty();
        assertThat(before.userAttrs()).isEmpty();
        assertThat(before.state()).isEqualTo(TrialState.RUNNING);
    }

    // ---------------------------------------------------------------- summaries

    @Test
    void studiesCountTrialsByStateAndFindTheBestValueInTheStudysDirection() {
        long min = storage.createStudy("min", Direction.MINIMIZE).id();
        long max = storage.createStudy("max", Direction.MAXIMIZE).id();
        storage.createStudy("empty", Direction.MINIMIZE);
        complete(min, 3.0);
        complete(min, 1.0);
        complete(min, 2.0);
        complete(min, 1.0);
        storage.finishTrial(storage.createTrial(min).id(), TrialState.PRUNED, 0.5, "pruned");
        storage.finishTrial(storage.createTrial(min).id(), TrialState.FAIL, null, "boom");
        storage.createTrial(min);
        storage.enqueueTrial(min, Map.of());
        complete(max, 3.0);
        complete(max, 5.0);
        complete(max, -1.0);

        List<StudySummary> summaries = storage.studies();
        assertThat(summaries).extracting(s -> s.study().name()).containsExactly("empty", "max", "min");

        StudySummary empty = summaries.get(0);
        assertThat(empty.total()).isZero();
        assertThat(empty.bestValue()).isNull();
        assertThat(empty.bestTrialNumber()).isNull();

        StudySummary maxSummary = summaries.get(1);
        assertThat(maxSummary.study().direction()).isEqualTo(Direction.MAXIMIZE);
        assertThat(maxSummary.count(TrialState.COMPLETE)).isEqualTo(3);
        assertThat(maxSummary.bestValue()).isEqualTo(5.0);
        assertThat(maxSummary.bestTrialNumber()).isEqualTo(1);

        StudySummary minSummary = summaries.get(2);
        assertThat(minSummary.count(TrialState.COMPLETE)).isEqualTo(4);
        assertThat(minSummary.count(TrialState.PRUNED)).isEqualTo(1);
        assertThat(minSummary.count(TrialState.FAIL)).isEqualTo(1);
        assertThat(minSummary.count(TrialState.RUNNING)).isEqualTo(1);
        assertThat(minSummary.count(TrialState.WAITING)).isEqualTo(1);
        assertThat(minSummary.total()).isEqualTo(8);
        assertThat(minSummary.bestValue()).as("pruned values do not count").isEqualTo(1.0);
        assertThat(minSummary.bestTrialNumber()).as("the first of equal values wins").isEqualTo(1);
    }

    // ---------------------------------------------------------------- stale trials

    @Test
    void failStaleTrialsFailsOnlyRunningTrialsWhoseHeartbeatIsOld() {
        long study = storage.createStudy("demo", Direction.MINIMIZE).id();
        long other = storage.createStudy("other", Direction.MINIMIZE).id();
        FrozenTrial silent = storage.createTrial(study);
        FrozenTrial reporting = storage.createTrial(study);
        FrozenTrial training = storage.createTrial(study);
        FrozenTrial finished = storage.createTrial(study);
        storage.finishTrial(finished.id(), TrialState.COMPLETE, 1.0, null);
        FrozenTrial waiting = storage.enqueueTrial(study, Map.of());
        FrozenTrial otherStudys = storage.createTrial(other);

        clock.advance(Duration.ofMinutes(10));
        storage.setIntermediateValue(reporting.id(), 1, 0.5);
        storage.addEpoch(training.id(), epoch(1, 0.5));
        clock.advance(Duration.ofMinutes(10));
        FrozenTrial fresh = storage.createTrial(study);

        List<FrozenTrial> failed = storage.failStaleTrials(study, T0.plus(Duration.ofMinutes(5)), "heartbeat lost");

        assertThat(failed).extracting(FrozenTrial::id).containsExactly(silent.id());
        FrozenTrial stale = storage.trial(silent.id());
        assertThat(stale.state()).isEqualTo(TrialState.FAIL);
        assertThat(stale.failReason()).isEqualTo("heartbeat lost");
        assertThat(stale.complete()).isEqualTo(T0.plus(Duration.ofMinutes(20)));
        assertThat(failed.get(0)).isEqualTo(stale);
        assertThat(storage.trial(reporting.id()).state()).isEqualTo(TrialState.RUNNING);
        assertThat(storage.trial(training.id()).state()).isEqualTo(TrialState.RUNNING);
        assertThat(storage.trial(fresh.id()).state()).isEqualTo(TrialState.RUNNING);
        assertThat(storage.trial(finished.id()).state()).isEqualTo(TrialState.COMPLETE);
        assertThat(storage.trial(waiting.id()).state()).isEqualTo(TrialState.WAITING);
        assertThat(storage.trial(otherStudys.id()).state()).isEqualTo(TrialState.RUNNING);
    }

    @Test
    void failStaleTrialsCountsTheClaimTimeAsTheHeartbeatOfAnEnqueuedTrial() {
        long study = storage.createStudy("demo", Direction.MINIMIZE).id();
        storage.enqueueTrial(study, Map.of());
        clock.advance(Duration.ofHours(1));
        FrozenTrial claimed = storage.claimWaitingTrial(study).orElseThrow();
        assertThat(storage.failStaleTrials(study, T0.plus(Duration.ofMinutes(30)), "stale")).isEmpty();
        assertThat(storage.trial(claimed.id()).state()).isEqualTo(TrialState.RUNNING);
    }

    // ---------------------------------------------------------------- unknown ids

    @Test
    void unknownStudyIdsAreRejected() {
        long unknown = storage.createStudy("demo", Direction.MINIMIZE).id() + 1000;
        Map<String, Runnable> calls = new LinkedHashMap<>();
        calls.put("setStudyAttr", () -> storage.setStudyAttr(unknown, "k", "v"));
        calls.put("studyAttrs", () -> storage.studyAttrs(unknown));
        calls.put("createTrial", () -> storage.createTrial(unknown));
        calls.put("enqueueTrial", () -> storage.enqueueTrial(unknown, Map.of()));
        calls.put("claimWaitingTrial", () -> storage.claimWaitingTrial(unknown));
        calls.put("trial(study, number)", () -> storage.trial(unknown, 0));
        calls.put("trials", () -> storage.trials(unknown, ALL));
        calls.put("failStaleTrials", () -> storage.failStaleTrials(unknown, T0, "stale"));
        calls.forEach((name, call) -> assertThatThrownBy(call::run).as(name)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(String.valueOf(unknown)));
    }

    @Test
    void unknownTrialIdsAreRejected() {
        long study = storage.createStudy("demo", Direction.MINIMIZE).id();
        long unknown = storage.createTrial(study).id() + 1000;
        Map<String, Runnable> calls = new LinkedHashMap<>();
        calls.put("trial", () -> storage.trial(unknown));
        calls.put("epochs", () -> storage.epochs(unknown));
        calls.put("setTrialParam", () -> storage.setTrialParam(unknown, "x", FloatDistribution.of(0, 1), 0.5));
        calls.put("setIntermediateValue", () -> storage.setIntermediateValue(unknown, 1, 0.5));
        calls.put("addEpoch", () -> storage.addEpoch(unknown, epoch(1, 0.5)));
        calls.put("setTrialUserAttr", () -> storage.setTrialUserAttr(unknown, "k", "v"));
        calls.put("setTrialSystemAttr", () -> storage.setTrialSystemAttr(unknown, "k", "v"));
        calls.put("finishTrial", () -> storage.finishTrial(unknown, TrialState.COMPLETE, 1.0, null));
        calls.forEach((name, call) -> assertThatThrownBy(call::run).as(name)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(String.valueOf(unknown)));
    }

    @Test
    void closeIsIdempotent() {
        storage.close();
        storage.close();
    }

    // ---------------------------------------------------------------- helpers

    protected static EpochMetrics epoch(int epoch, double validationLoss) {
        return new EpochMetrics(epoch, validationLoss * 1.1, 0.5, validationLoss, 0.6, 1.0);
    }

    protected FrozenTrial complete(long studyId, double value) {
        return storage.finishTrial(storage.createTrial(studyId).id(), TrialState.COMPLETE, value, null);
    }

    private static void put(Map<String, Distribution> distributions, Map<String, Object> values, String name,
                            Distribution distribution, Object value) {
        assertThat(distribution.contains(value)).as("%s contains %s", distribution.describe(), value).isTrue();
        distributions.put(name, distribution);
        values.put(name, value);
    }

    /**
     * Runs {@code work} on {@code threads} threads that start together, and rethrows the first
     * failure.
     */
    protected static void runConcurrently(int threads, Consumer<Integer> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Void>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int worker = t;
                Callable<Void> task = () -> {
                    start.await();
                    work.accept(worker);
                    return null;
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            for (Future<Void> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
