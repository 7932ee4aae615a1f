package io.hpo4j.tuner;

import io.hpo4j.tuner.pruner.Pruner;
import io.hpo4j.tuner.pruner.Pruners;
import io.hpo4j.tuner.sampler.Sampler;
import io.hpo4j.tuner.sampler.Samplers;
import io.hpo4j.tuner.space.SearchSpace;
import io.hpo4j.tuner.storage.InMemoryStorage;
import io.hpo4j.tuner.storage.Storage;
import io.hpo4j.tuner.storage.StudyRecord;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * An optimization study: a named set of trials in a {@link Storage}, a direction, a sampler, a
 * pruner and optionally a declared search space. A thin façade: creating and loading are
 * {@code StudyOpener}'s, ask and tell {@code TrialLifecycle}'s, the optimize loop
 * {@code OptimizeLoop}'s.
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
 * <p>{@link Builder#build()} creates the study; if its name exists in the storage, that is an
 * error unless the builder says {@link Builder#ifExists(IfExists) ifExists(IfExists.RESUME)}
 * (then optimizing adds trials to the stored study with the next numbers).
 * {@link Builder#load()} loads an existing study. The façade is thread-safe; its state lives in
 * the storage.
 */
public final class Study {

    /** Study attribute holding the declared search space, as {@link Distributions#toMap(SearchSpace)}. */
    public static final String SEARCH_SPACE_ATTR = "search_space";

    private final StudyRecord record;
    private final SearchSpace searchSpace;
    private final long seed;
    private final StudyView view;
    private final TrialLifecycle lifecycle;
    private final OptimizeLoop loop;
    private final String description;

    private Study(Builder settings, StudyOpener.Opened opened, Storage storage, long seed) {
        this.record = opened.record();
        this.searchSpace = opened.searchSpace();
        this.seed = seed;
        this.view = new StorageView(storage, record, searchSpace);
        TrialContext context = new TrialContext(view, storage, settings.sampler, settings.pruner);
        this.lifecycle = new TrialLifecycle(context, record, searchSpace, seed);
        this.loop = new OptimizeLoop(record.name(), lifecycle, view, settings.clock, settings.executor);
        this.description = "Study{name=" + record.name() + ", direction=" + record.direction() + ", sampler="
                + settings.sampler + ", pruner=" + settings.pruner + "}";
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

    /** The declared search space; empty for a define-by-run study. */
    public SearchSpace searchSpace() {
        return searchSpace;
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
        return lifecycle.enqueue(params);
    }

    /**
     * Starts a new trial: the oldest enqueued one if any waits, otherwise a new one whose
     * parameters the sampler proposes.
     */
    public Trial ask() {
        return lifecycle.ask();
    }

    /** Finishes {@code trial} as COMPLETE with {@code value}; a NaN or infinite value fails it instead. */
    public FrozenTrial tell(Trial trial, double value) {
        return lifecycle.tell(trial, value);
    }

    /**
     * Finishes {@code trial} as PRUNED (with its last reported value) or FAIL.
     *
     * @param reason why; shown in the leaderboard and stored with the trial
     */
    public FrozenTrial tell(Trial trial, TrialState state, String reason) {
        return lifecycle.tell(trial, state, reason);
    }

    /** Runs {@code nTrials} trials one after another; see {@link #optimize(Objective, OptimizeOptions)}. */
    public void optimize(Objective objective, int nTrials) {
        optimize(objective, OptimizeOptions.trials(nTrials));
    }

    /**
     * Runs trials until the budget is spent, {@code options.jobs()} at a time (on the builder's
     * {@linkplain Builder#executor executor}). A {@link TrialPrunedException} stores the trial as
     * PRUNED; a NaN or infinite value stores it as FAIL and the study goes on. Any other exception
     * stores it as FAIL with the reason, and then, as in Optuna, stops the study and is rethrown
     * here (a checked one wrapped in {@link ObjectiveFailedException}), unless
     * {@link OptimizeOptions#withCatch} lists it: then the study goes on.
     */
    public void optimize(Objective objective, OptimizeOptions options) {
        loop.run(objective, options);
    }

    /** Asks {@link #optimize} to start no new trial; running trials finish. */
    public void stop() {
        loop.stop();
    }

    /**
     * Marks every trial this study object is running as FAIL with {@code reason}; for shutdown
     * hooks (Ctrl-C), so that an interrupted run leaves no trial RUNNING. Returns how many it failed.
     */
    public int failRunningTrials(String reason) {
        stop();
        return lifecycle.failRunningTrials(reason);
    }

    @Override
    public String toString() {
        return description;
    }

    /** The study as samplers, pruners and listeners see it: every call reads the storage. */
    private record StorageView(Storage storage, StudyRecord record, SearchSpace searchSpace) implements StudyView {
        @Override
        public String name() {
            return record.name();
        }

        @Override
        public Direction direction() {
            return record.direction();
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
     * (define-by-run), seed to a random one, clock to the system's, an existing study of the
     * same name to an error ({@link IfExists#FAIL}), the workers of a parallel optimize to a
     * new thread pool per call.
     */
    public static final class Builder {
        private final String name;
        private Storage storage;
        private Direction direction;
        private Sampler sampler = Samplers.random();
        private Pruner pruner = Pruners.none();
        private SearchSpace searchSpace = SearchSpace.empty();
        private Long seed;
        private IfExists ifExists = IfExists.FAIL;
        private Clock clock = Clock.systemUTC();
        private Executor executor;

        private Builder(String name) {
            this.name = name;
        }

        public Builder storage(Storage storage) {
            this.storage = storage;
            return this;
        }

        public Builder direction(Direction direction) {
            require(direction, "direction");
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

        /** What {@link #build()} does if the storage has a study of this name: fail (the default) or resume it. */
        public Builder ifExists(IfExists ifExists) {
            this.ifExists = ifExists;
            return this;
        }

        /** The clock that optimize's timeout is measured with. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * Where the workers of {@code optimize} with {@code jobs > 1} run: each of the {@code jobs}
         * workers is one task on this executor, which must be able to run them at the same time
         * to run trials in parallel (a direct executor runs them one after another). Not shut
         * down by the study. By default each optimize call creates a pool of {@code jobs} daemon
         * threads named {@code hpo-<study>-worker-N}, and shuts it down at the end.
         */
        public Builder executor(Executor executor) {
            if (executor == null) {
                throw new IllegalArgumentException("study setting 'executor' must not be null");
            }
            this.executor = executor;
            return this;
        }

        /**
         * Creates the study in its storage; if it exists, fails or loads it as
         * {@link #ifExists(IfExists)} says.
         *
         * @throws IllegalArgumentException if a setting is missing or invalid, if the study exists
         *                                  and {@code ifExists} is FAIL, or if it exists with
         *                                  another direction or search space
         */
        public Study build() {
            validate();
            require(ifExists, "ifExists");
            Storage s = storage();
            Direction d = direction != null ? direction : Direction.MINIMIZE;
            return new Study(this, StudyOpener.create(s, name, d, searchSpace, ifExists), s, effectiveSeed());
        }

        /**
         * Loads the existing study of this name (Optuna's {@code load_study}): its direction and
         * declared search space come from the storage unless set here (then they must match).
         *
         * @throws IllegalArgumentException if there is no such study, a setting is invalid, or the
         *                                  study has another direction or search space
         */
        public Study load() {
            validate();
            Storage s = storage();
            return new Study(this, StudyOpener.load(s, name, direction, searchSpace), s, effectiveSeed());
        }

        private void validate() {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("study name must not be blank, but got '" + name + "'");
            }
            require(sampler, "sampler");
            require(pruner, "pruner");
            require(searchSpace, "searchSpace");
            require(clock, "clock");
        }

        private Storage storage() {
            return storage != null ? storage : new InMemoryStorage();
        }

        private long effectiveSeed() {
            return seed != null ? seed : new SecureRandom().nextLong();
        }

        private static void require(Object value, String field) {
            if (value == null) {
                throw new IllegalArgumentException("study setting '" + field + "' must not be null");
            }
        }
    }
}
