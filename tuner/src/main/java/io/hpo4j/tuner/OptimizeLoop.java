package io.hpo4j.tuner;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@link Study#optimize}: runs trials until the budget is spent. With one job the trials run on
 * the calling thread; with {@code jobs} > 1, {@code jobs} workers run on the study's executor
 * (injected, or by default a pool of {@code jobs} daemon threads created for the call and shut
 * down after it). Each worker asks, evaluates, tells, and starts again while trials remain, the
 * deadline (read from the injected clock before each trial) has not passed and nobody asked to
 * stop. A failure that stops the study (see {@link OptimizeOptions}) lets the other workers
 * finish their trials, then is rethrown to the caller. Thread-safe.
 */
final class OptimizeLoop {

    private static final Logger LOG = LoggerFactory.getLogger(OptimizeLoop.class);

    private final String studyName;
    private final TrialLifecycle lifecycle;
    private final StudyView view;
    private final Clock clock;
    private final Executor executor;   // null: a pool per call
    private final AtomicBoolean stopRequested = new AtomicBoolean();

    OptimizeLoop(String studyName, TrialLifecycle lifecycle, StudyView view, Clock clock, Executor executor) {
        this.studyName = studyName;
        this.lifecycle = lifecycle;
        this.view = view;
        this.clock = clock;
        this.executor = executor;
    }

    void stop() {
        stopRequested.set(true);
    }

    void run(Objective objective, OptimizeOptions options) {
        stopRequested.set(false);
        Instant deadline = options.timeout() == null ? null : clock.instant().plus(options.timeout());
        AtomicInteger remaining = new AtomicInteger(options.trials() == 0 ? Integer.MAX_VALUE : options.trials());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable worker = () -> {
            try {
                while (!stopRequested.get() && !Thread.currentThread().isInterrupted()
                        && (deadline == null || clock.instant().isBefore(deadline))
                        && remaining.getAndDecrement() > 0) {
                    runOne(objective, options);
                }
            } catch (RuntimeException | Error e) {
                stop();
                failure.compareAndSet(null, e);
            }
        };
        if (options.jobs() == 1) {
            worker.run();
        } else {
            runWorkers(worker, options.jobs());
        }
        Throwable first = failure.get();
        if (first instanceof RuntimeException re) {
            throw re;
        }
        if (first instanceof Error err) {
            throw err;
        }
    }

    private void runWorkers(Runnable worker, int jobs) {
        ExecutorService pool = executor == null ? Executors.newFixedThreadPool(jobs, workerThreads(studyName)) : null;
        Executor workers = executor != null ? executor : pool;
        try {
            List<CompletableFuture<Void>> futures = new ArrayList<>();
            for (int i = 0; i < jobs; i++) {
                futures.add(CompletableFuture.runAsync(worker, workers));
            }
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get();
        } catch (InterruptedException e) {
            stop();
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("a worker of study '" + studyName + "' failed outside a trial", e.getCause());
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    private void runOne(Objective objective, OptimizeOptions options) {
        Trial trial = lifecycle.ask();
        objective.metric().ifPresent(trial::recordObjectiveMetric);
        List<TrialListener> listeners = options.listeners();
        if (!listeners.isEmpty()) {
            FrozenTrial started = trial.snapshot();
            listeners.forEach(l -> l.onTrialStarted(view, started));
        }
        FrozenTrial finished;
        try {
            finished = lifecycle.tell(trial, objective.evaluate(trial));
        } catch (TrialPrunedException e) {
            finished = lifecycle.tell(trial, TrialState.PRUNED, e.getMessage());
        } catch (InterruptedException e) {
            trial.recordStop(new StopReason.Interrupted(Throwables.describe(e)));
            finished = lifecycle.tell(trial, TrialState.FAIL, "interrupted");
            Thread.currentThread().interrupt();
        } catch (Throwable e) {
            finished = lifecycle.tell(trial, TrialState.FAIL, Throwables.describe(e));
            LOG.warn("study '{}', trial {} failed: {}", studyName, trial.number(), Throwables.describe(e));
            if (!options.isCaught(e)) {
                LOG.debug("stack trace of the failure of trial {}; optimize stops and rethrows it", trial.number(), e);
                notify(listeners, finished);
                throw stopping(trial, e);
            }
            // The reason is stored with the trial; the stack trace is for whoever debugs the objective.
            LOG.debug("stack trace of the failure of trial {}", trial.number(), e);
        }
        notify(listeners, finished);
    }

    private void notify(List<TrialListener> listeners, FrozenTrial finished) {
        listeners.forEach(l -> l.onTrialFinished(view, finished));
    }

    private RuntimeException stopping(Trial trial, Throwable e) {
        stop();
        if (e instanceof Error err) {
            throw err;
        }
        if (e instanceof RuntimeException re) {
            return re;
        }
        return new ObjectiveFailedException(studyName, trial.number(), e);
    }

    private static ThreadFactory workerThreads(String studyName) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "hpo-" + studyName + "-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
