package io.hpo4j.tuner.pruner;

import java.util.Map;

import java.util.LinkedHashMap;

import io.hpo4j.tuner.settings.SettingsReader;

import io.hpo4j.tuner.settings.SettingsCodec;

/**
 * When the median and percentile pruners judge a trial, and against how many trials: Optuna's
 * {@code n_startup_trials}, {@code n_warmup_steps}, {@code interval_steps} and
 * {@code n_min_trials}, with Optuna's defaults.
 *
 * <pre>{@code
 * Pruner pruner = Pruners.median(MedianSettings.defaults().withStartupTrials(10).withWarmupSteps(3));
 * }</pre>
 *
 * <p>A trial is judged at step {@code s} (its largest reported step) only if at least
 * {@code startupTrials} trials of the study have COMPLETEd, {@code s >= warmupSteps}, and no
 * earlier report of the trial fell on or after the latest judging step {@code warmupSteps + k *
 * intervalSteps <= s}, so a trial that skips a judging step is judged at its next report instead.
 * Error messages use the snake_case names that study files use.
 *
 * @param startupTrials {@code n_startup_trials}: no trial is pruned until this many trials have
 *                      completed; {@code >= 0}, default 5
 * @param warmupSteps   {@code n_warmup_steps}: no trial is pruned before it reaches this step;
 *                      {@code >= 0}, default 0
 * @param intervalSteps {@code interval_steps}: judge every this many steps, counted from the
 *                      warm-up; {@code >= 1}, default 1
 * @param minTrials     {@code n_min_trials}: judge a step only if at least this many completed
 *                      trials reported a value at it; {@code >= 1}, default 1
 */
public record MedianSettings(int startupTrials, int warmupSteps, int intervalSteps, int minTrials) {

    /** The settings by {@code n_startup_trials}, {@code n_warmup_steps}, {@code interval_steps}, {@code n_min_trials}. */
    public static final SettingsCodec<MedianSettings> CODEC = new SettingsCodec<>() {
        @Override
        public Map<String, Object> encode(MedianSettings s) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put(Pruners.N_STARTUP_TRIALS, s.startupTrials());
            d.put(Pruners.N_WARMUP_STEPS, s.warmupSteps());
            d.put(Pruners.INTERVAL_STEPS, s.intervalSteps());
            d.put(Pruners.N_MIN_TRIALS, s.minTrials());
            return d;
        }

        @Override
        public MedianSettings decode(SettingsReader in) {
            MedianSettings d = defaults();
            return new MedianSettings(in.integer(Pruners.N_STARTUP_TRIALS, d.startupTrials()),
                    in.integer(Pruners.N_WARMUP_STEPS, d.warmupSteps()),
                    in.integer(Pruners.INTERVAL_STEPS, d.intervalSteps()),
                    in.integer(Pruners.N_MIN_TRIALS, d.minTrials()));
        }
    };


    private static final MedianSettings DEFAULTS = new MedianSettings(5, 0, 1, 1);

    public MedianSettings {
        if (startupTrials < 0) {
            throw new IllegalArgumentException("n_startup_trials must be >= 0, but got " + startupTrials);
        }
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("n_warmup_steps must be >= 0, but got " + warmupSteps);
        }
        if (intervalSteps < 1) {
            throw new IllegalArgumentException("interval_steps must be >= 1, but got " + intervalSteps);
        }
        if (minTrials < 1) {
            throw new IllegalArgumentException("n_min_trials must be >= 1, but got " + minTrials);
        }
    }

    /** Optuna's defaults: 5 startup trials, no warm-up, every step, at least 1 trial. */
    public static MedianSettings defaults() {
        return DEFAULTS;
    }

    public MedianSettings withStartupTrials(int n) {
        return new MedianSettings(n, warmupSteps, intervalSteps, minTrials);
    }

    public MedianSettings withWarmupSteps(int n) {
        return new MedianSettings(startupTrials, n, intervalSteps, minTrials);
    }

    public MedianSettings withIntervalSteps(int n) {
        return new MedianSettings(startupTrials, warmupSteps, n, minTrials);
    }

    public MedianSettings withMinTrials(int n) {
        return new MedianSettings(startupTrials, warmupSteps, intervalSteps, n);
    }
}
