package io.hpo4j.tuner;

import io.hpo4j.tuner.pruner.Pruner;
import io.hpo4j.tuner.pruner.Pruners;
import io.hpo4j.tuner.sampler.Proposal;
import io.hpo4j.tuner.sampler.Sampler;
import io.hpo4j.tuner.sampler.Samplers;
import io.hpo4j.tuner.space.Distribution;
import io.hpo4j.tuner.space.Distributions;
import io.hpo4j.tuner.space.SearchSpace;
import io.hpo4j.tuner.storage.InMemoryStorage;
import io.hpo4j.tuner.storage.Storage;
import io.hpo4j.tuner.storage.StudyRecord;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An optimization study: a named set of trials in a {@link Storage}, a direction, a sampler, a
 * pruner and optionally a declared search space.
 *
 * <pre>{@code
 * Study study = Study.builder("quadratic")
 *     .direction(Direction.MINIMIZE)
 *     .seed(42)
 *     .build();
 * study.optimize(trial -> {
 *     double x = trial.suggestFloat("x", -10, 10);
 *     return (x - 2) * (x - 2);
 * }, 100);
 * System.out.println(study.bestTrial().params());
 * }</pre>
 *
 * <p>Building a study whose name exists in the storage loads it (unless
 * {@link Builder#loadIfExists(boolean) loadIfExists(false)}), so optimizing again adds trials to
 * it with the next numbers. The façade is thread-safe; its state lives in the storage.
 */
public final class Study {

    /** Study attribute holding the declared search space, as {@link Distributions#toMap(SearchSpace)}. */
    public static final String SEARCH_SPACE_ATTR = "search_space";

    private static final System.Logger LOG = System.getLogger(Study.class.getName());

    private final Storage storage;
    private final StudyRecord record;
    private final Sampler sampler;
    private final Pruner pruner;
    private final SearchSpace searchSpace;
    private final long seed;
    private final Clock clock;
    private final StudyView view;
    private final Set<Long> running = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean stopRequested = new AtomicBoolean();

    private Study(Storage storage, StudyRecord record, Sampler sampler, Pruner pruner, SearchSpace searchSpace,
                  long seed, Clock clock) {
        this.storage = storage;
        this.record = record;
        this.sampler = sampler;
        this.pruner = pruner;
        this.searchSpace = searchSpace;
        this.seed = seed;
        this.clock = clock;
        this.view = new View();
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return record.name();
    }

    public long id() {
        return record.id();
    }

    public Direction direction() {
        return record.direction();
    }

    public SearchSpace searchSpace() {
        return searchSpace;
    }

    public Storage storage() {
        return storage;
    }

    public Sampler sampler() {
        return sampler;
    }

    public Pruner pruner() {
        return pruner;
    }

    /** The seed from which every trial's random generator is derived. */
    public long seed() {
        return seed;
    }

    /** A read-only view of this study, as samplers and pruners see it. */
    public StudyView view() {
        return view;
    }

    /** Snapshots of all trials, by number. */
    public List<FrozenTrial> trials() {
        return view.trials();
    }

    /** Snapshots of the trials in the given states, by number. */
    public List<FrozenTrial> trials(Set<TrialState> states) {
        return view.trials(states);
    }

    /**
     * The best completed trial.
     *
     * @throws IllegalStateException if no trial has completed
     */
    public FrozenTrial bestTrial() {
        return view.bestTrial().orElseThrow(() -> new IllegalStateException(
                "study '" + name() + "' has no completed trial yet"));
    }

    public double bestValue() {
        return bestTrial().value();
    }

    public Map<String, Object> bestParams() {
        return bestTrial().params();
    }

    /**
     * Adds a trial with fixed parameters (a known-good configuration, say) that the next
     * {@link #ask()} runs before any sampled one. Parameters of the declared space are checked.
     */
    public FrozenTrial enqueue(Map<String, ?> params) {
        Map<String, Object> checked = new LinkedHashMap<>();
        params.forEach((name, value) -> checked.put(name, searchSpace.contains(name)
                ? SearchSpace.named(name, () -> searchSpace.get(name).canonical(value)) : value));
        return storage.enqueueTrial(record.id(), checked);
    }

    /**
     * Starts a new trial: the oldest enqueued one if any waits, otherwise a new one whose
     * parameters the sampler proposes.
     */
    public Trial ask() {
        FrozenTrial frozen = storage.claimWaitingTrial(record.id()).orElseGet(() -> storage.createTrial(record.id()));
        running.add(frozen.id());
        try {
            return start(frozen);
        } catch (RuntimeException | Error e) {
            finish(frozen.id(), TrialState.FAIL, null, TrialOutcome.of(TrialState.FAIL, "could not start: " + describe(e)));
            throw e;
        }
    }

    private Trial start(FrozenTrial frozen) {
        long trialSeed = trialSeed(seed, frozen.number());
        SplittableRandom random = new SplittableRandom(trialSeed);
        Map<String, Object> fixed = frozen.record().enqueued() ? frozen.record().enqueuedParams() : Map.of();
        SearchSpace space = searchSpace.isEmpty() ? inferredSpace() : searchSpace;
        Map<String, Object> proposal = Map.of();
        Map<String, Object> attrs = new LinkedHashMap<>();
        if (!space.isEmpty()) {
            Proposal p = sampler.sample(view, frozen, space, random);
            for (Map.Entry<String, Object> e : p.params().entrySet()) {
                Distribution d = space.get(e.getKey());
                if (d == null || !d.contains(e.getValue())) {
                    throw new IllegalStateException(sampler + " proposed " + e.getKey() + "=" + e.getValue()
                            + ", which is outside the search space " + space);
                }
            }
            proposal = p.params();
            attrs.putAll(p.attributes());
        }
        attrs.put("sampler", sampler.describe());
        attrs.put("pruner", pruner.describe());
        attrs.put("seed", seed);
        attrs.put("runtime", Provenance.runtime());
        // The objective's seed differs from the sampler's (trialSeed), so the two are not correlated.
        long objectiveSeed = trialSeed ^ 0x5DEECE66DL;
        storage.recordTrialStart(frozen.id(), objectiveSeed, attrs);
        return new Trial(this, frozen.id(), frozen.number(), proposal, fixed, objectiveSeed);
    }

    /** Finishes {@code trial} as COMPLETE with {@code value}; a non-finite value fails it instead. */
    public FrozenTrial tell(Trial trial, double value) {
        if (!Double.isFinite(value)) {
            return finish(trial.id(), TrialState.FAIL, null,
                    trial.outcome(TrialState.FAIL, "objective returned " + value, direction()));
        }
        return finish(trial.id(), TrialState.COMPLETE, value, trial.outcome(TrialState.COMPLETE, null, direction()));
    }

    /**
     * Finishes {@code trial} as PRUNED (with its last reported value) or FAIL.
     *
     * @param reason why; shown in the leaderboard and stored with the trial
     */
    public FrozenTrial tell(Trial trial, TrialState state, String reason) {
        if (state == TrialState.PRUNED) {
            FrozenTrial snapshot = storage.trial(trial.id());
            Double last = snapshot.intermediateValues().isEmpty() ? null
                    : snapshot.intermediateValues().get(snapshot.intermediateValues().lastKey());
            return finish(trial.id(), TrialState.PRUNED, last != null && Double.isFinite(last) ? last : null,
                    trial.outcome(TrialState.PRUNED, reason, direction()));
        }
        if (state == TrialState.FAIL) {
            return finish(trial.id(), TrialState.FAIL, null, trial.outcome(TrialState.FAIL, reason, direction()));
        }
        throw new IllegalArgumentException("tell with a state takes PRUNED or FAIL, but got " + state
                + "; use tell(trial, value) to complete a trial");
    }

    private FrozenTrial finish(long trialId, TrialState state, Double value, TrialOutcome outcome) {
        try {
            FrozenTrial finished = storage.recordTrialEnd(trialId, state, value, outcome);
            sampler.onTrialFinished(view, finished);
            return finished;
        } finally {
            running.remove(trialId);
        }
    }

    /** Runs {@code nTrials} trials one after another. */
    public void optimize(Objective objective, int nTrials) {
        optimize(objective, OptimizeOptions.trials(nTrials));
    }

    /**
     * Runs trials until the budget is spent, {@code options.jobs()} at a time on a fixed pool of
     * worker threads. A trial that throws, or returns NaN or an infinite value, is stored as FAIL
     * with the reason and the study goes on; a {@link TrialPrunedException} stores it as PRUNED.
     * An {@link Error} (out of memory, say) fails the trial and stops the study, rethrown here.
     */
    public void optimize(Objective objective, OptimizeOptions options) {
        stopRequested.set(false);
        Instant deadline = options.timeout() == null ? null : clock.instant().plus(options.timeout());
        AtomicInteger remaining = new AtomicInteger(options.trials() == 0 ? Integer.MAX_VALUE : options.trials());
        Runnable worker = () -> {
            while (!stopRequested.get() && !Thread.currentThread().isInterrupted()
                    && (deadline == null || clock.instant().isBefore(deadline))
                    && remaining.getAndDecrement() > 0) {
                runOne(objective, options.listeners());
            }
        };
        if (options.jobs() == 1) {
            worker.run();
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(options.jobs(), workerThreads(name()));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < options.jobs(); i++) {
                futures.add(pool.submit(worker));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    stop();
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException re) {
                        throw re;
                    }
                    if (cause instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(cause);
                }
            }
        } catch (InterruptedException e) {
            stop();
            Thread.currentThread().interrupt();
        } finally {
            pool.shutdownNow();
        }
    }

    private void runOne(Objective objective, List<TrialListener> listeners) {
        Trial trial = ask();
        objective.metric().ifPresent(trial::recordObjectiveMetric);
        FrozenTrial started = storage.trial(trial.id());
        listeners.forEach(l -> l.onTrialStarted(view, started));
        FrozenTrial finished;
        try {
            double value = objective.evaluate(trial);
            finished = tell(trial, value);
        } catch (TrialPrunedException e) {
            finished = tell(trial, TrialState.PRUNED, e.getMessage());
        } catch (InterruptedException e) {
            trial.recordStop(new StopReason.Interrupted(describe(e)));
            finished = tell(trial, TrialState.FAIL, "interrupted");
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            finished = tell(trial, TrialState.FAIL, describe(e));
            // The reason is stored with the trial; the stack trace is for whoever debugs the objective.
            LOG.log(System.Logger.Level.WARNING, "study ''{0}'', trial {1} failed: {2}", name(), trial.number(), describe(e));
            LOG.log(System.Logger.Level.DEBUG, "stack trace of the failure of trial " + trial.number(), e);
        } catch (Error e) {
            tell(trial, TrialState.FAIL, describe(e));
            stop();
            throw e;
        }
        FrozenTrial done = finished;
        listeners.forEach(l -> l.onTrialFinished(view, done));
    }

    /** Asks {@link #optimize} to start no new trial; running trials finish. */
    public void stop() {
        stopRequested.set(true);
    }

    /**
     * Marks every trial this study object is running as FAIL with {@code reason}; for shutdown
     * hooks (Ctrl-C), so that an interrupted run leaves no trial RUNNING. Returns how many it failed.
     */
    public int failRunningTrials(String reason) {
        stop();
        int failed = 0;
        for (Long id : List.copyOf(running)) {
            try {
                if (storage.trial(id).state() == TrialState.RUNNING) {
                    finish(id, TrialState.FAIL, null, new TrialOutcome(null, null, new StopReason.Interrupted(reason)));
                    failed++;
                }
            } catch (IllegalStateException e) {
                // finished by its worker in the meantime: nothing to fail
                running.remove(id);
            }
        }
        return failed;
    }

    /** The intersection of the distributions of all completed trials (for define-by-run objectives). */
    private SearchSpace inferredSpace() {
        Map<String, Distribution> common = null;
        for (FrozenTrial t : storage.trials(record.id(), EnumSet.of(TrialState.COMPLETE))) {
            if (common == null) {
                common = new LinkedHashMap<>(t.distributions());
            } else {
                common.entrySet().removeIf(e -> !e.getValue().equals(t.distributions().get(e.getKey())));
            }
        }
        if (common == null) {
            return SearchSpace.empty();
        }
        common.values().removeIf(Distribution::isSingle);
        return SearchSpace.of(common);
    }

    /** A well-mixed seed for trial {@code number} of a study seeded with {@code seed} (SplitMix64's finalizer). */
    static long trialSeed(long seed, int number) {
        long z = seed + 0x9E3779B97F4A7C15L * (number + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder(e.getClass().getSimpleName());
        if (e.getMessage() != null) {
            sb.append(": ").append(e.getMessage());
        }
        Throwable cause = e.getCause();
        int depth = 0;
        while (cause != null && cause != e && depth++ < 3) {
            sb.append(" (caused by ").append(cause.getClass().getSimpleName());
            if (cause.getMessage() != null) {
                sb.append(": ").append(cause.getMessage());
            }
            sb.append(')');
            cause = cause.getCause();
        }
        return sb.toString();
    }

    private static ThreadFactory workerThreads(String studyName) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "hpo-" + studyName + "-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public String toString() {
        return "Study{name=" + name() + ", direction=" + direction() + ", sampler=" + sampler + ", pruner=" + pruner + "}";
    }

    private final class View implements StudyView {
        @Override
        public String name() {
            return record.name();
        }

        @Override
        public Direction direction() {
            return record.direction();
        }

        @Override
        public SearchSpace searchSpace() {
            return searchSpace;
        }

        @Override
        public List<FrozenTrial> trials(Set<TrialState> states) {
            return storage.trials(record.id(), states);
        }

        @Override
        public String toString() {
            return "StudyView{" + record.name() + "}";
        }
    }

    /**
     * Settings of a study. Only the name is required: storage defaults to a new in-memory one,
     * direction to MINIMIZE, sampler to random, pruner to none, search space to empty
     * (define-by-run), seed to a random one.
     */
    public static final class Builder {
        private final String name;
        private Storage storage;
        private Direction direction = Direction.MINIMIZE;
        private Sampler sampler = Samplers.random();
        private Pruner pruner = Pruners.none();
        private SearchSpace searchSpace = SearchSpace.empty();
        private Long seed;
        private boolean loadIfExists = true;
        private Clock clock = Clock.systemUTC();

        private Builder(String name) {
            this.name = name;
        }

        public Builder storage(Storage storage) {
            this.storage = storage;
            return this;
        }

        public Builder direction(Direction direction) {
            this.direction = direction;
            return this;
        }

        public Builder sampler(Sampler sampler) {
            this.sampler = sampler;
            return this;
        }

        public Builder pruner(Pruner pruner) {
            this.pruner = pruner;
            return this;
        }

        /** Declares the search space; {@link Trial#suggestAll()} and the sampler work on it. */
        public Builder searchSpace(SearchSpace searchSpace) {
            this.searchSpace = searchSpace;
            return this;
        }

        /** Makes the parameters of every trial reproducible: trial N of a seeded study always gets the same generator. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Whether an existing study of that name is loaded (default) or is an error. */
        public Builder loadIfExists(boolean loadIfExists) {
            this.loadIfExists = loadIfExists;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * Creates the study in its storage, or loads it.
         *
         * @throws IllegalArgumentException if a setting is missing or invalid, if the study exists
         *                                  and {@code loadIfExists} is false, or if it exists with
         *                                  another direction or search space
         */
        @SuppressWarnings("unchecked")
        public Study build() {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("study name must not be blank, but got '" + name + "'");
            }
            require(direction, "direction");
            require(sampler, "sampler");
            require(pruner, "pruner");
            require(searchSpace, "searchSpace");
            require(clock, "clock");
            Storage s = storage != null ? storage : new InMemoryStorage();
            Optional<StudyRecord> existing = s.findStudy(name);
            StudyRecord record;
            if (existing.isPresent()) {
                if (!loadIfExists) {
                    throw new IllegalArgumentException("study '" + name + "' already exists; load it or choose another name");
                }
                record = existing.get();
                if (record.direction() != direction) {
                    throw new IllegalArgumentException("study '" + name + "' was created to " + record.direction().name().toLowerCase()
                            + ", but this run asks to " + direction.name().toLowerCase());
                }
                Object stored = s.studyAttrs(record.id()).get(SEARCH_SPACE_ATTR);
                if (stored != null && !(stored instanceof Map)) {
                    throw new IllegalArgumentException("study '" + name + "': the stored search space must be a map of"
                            + " distributions, but got " + stored);
                }
                if (stored != null && !searchSpace.isEmpty()) {
                    SearchSpace storedSpace = Distributions.spaceFromMap((Map<String, ?>) stored);
                    if (!storedSpace.equals(searchSpace)) {
                        throw new IllegalArgumentException("study '" + name + "' was created with the search space "
                                + storedSpace + ", but this run declares " + searchSpace
                                + "; use a new study name to search another space");
                    }
                }
                if (stored != null && searchSpace.isEmpty()) {
                    searchSpace = Distributions.spaceFromMap((Map<String, ?>) stored);
                }
            } else {
                record = s.createStudy(name, direction);
            }
            if (!searchSpace.isEmpty()) {
                s.setStudyAttr(record.id(), SEARCH_SPACE_ATTR, Distributions.toMap(searchSpace));
            }
            long effectiveSeed = seed != null ? seed : new SecureRandom().nextLong();
            return new Study(s, record, sampler, pruner, searchSpace, effectiveSeed, clock);
        }

        private static void require(Object value, String field) {
            if (value == null) {
                throw new IllegalArgumentException("study setting '" + field + "' must not be null");
            }
        }
    }
}
