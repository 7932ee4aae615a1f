package io.hpo4j.studies.config;

import io.hpo4j.studies.storage.HeartbeatPolicy;
import io.hpo4j.trainers.EarlyStopping;
import io.hpo4j.trainers.data.DataSpec;
import io.hpo4j.tuner.Direction;
import io.hpo4j.tuner.EpochMetrics;
import io.hpo4j.tuner.space.SearchSpace;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A validated study file: everything {@code hpo run} needs to start or resume a study. Built by
 * {@link StudyFileParser}; immutable.
 *
 * @param source        where it was read from (for messages), or null
 * @param name          the study's name
 * @param description   free text, or null
 * @param metric        the validation metric that is the trial's value
 * @param direction     maximize or minimize (follows the metric unless the file says so)
 * @param dataset       the data and its split
 * @param searchSpace   the hyperparameters searched
 * @param fixedParams   hyperparameters held fixed (not searched)
 * @param sampler       the sampler and its settings
 * @param pruner        the pruner and its settings
 * @param seed          the study's seed, or null for a random one
 * @param trials        how many trials a run adds; 0 for no limit (then {@code timeout} is set)
 * @param timeout       no new trial starts after this; null for none
 * @param jobs          trials run at once; null for one per core
 * @param earlyStopping early stopping inside trials ({@link EarlyStopping#disabled()} if the file has none)
 * @param storage       a JDBC URL, or null for the default
 * @param keepModels    how many best-epoch networks the study keeps (its best completed trials'); 0 for none
 * @param heartbeat     how running trials beat and lost ones are failed (and retried): {@code heartbeat}
 *                      and {@code retry_failed} in the file
 */
public record StudyFile(Path source, String name, String description, EpochMetrics.Metric metric,
                        Direction direction, DataSpec dataset, SearchSpace searchSpace,
                        Map<String, Object> fixedParams, ComponentSpec sampler, ComponentSpec pruner, Long seed,
                        int trials, Duration timeout, Integer jobs, EarlyStopping earlyStopping, String storage,
                        int keepModels, HeartbeatPolicy heartbeat) {

    public StudyFile {
        fixedParams = Collections.unmodifiableMap(new LinkedHashMap<>(fixedParams));
        if (keepModels < 0) {
            throw new IllegalArgumentException("keep_models must be >= 0, but got " + keepModels);
        }
        if (heartbeat == null) {
            heartbeat = HeartbeatPolicy.DEFAULT;
        }
    }

    /** A study file that keeps the default number of models, with the default heartbeats ({@link HeartbeatPolicy#DEFAULT}). */
    public StudyFile(Path source, String name, String description, EpochMetrics.Metric metric,
                     Direction direction, DataSpec dataset, SearchSpace searchSpace,
                     Map<String, Object> fixedParams, ComponentSpec sampler, ComponentSpec pruner, Long seed,
                     int trials, Duration timeout, Integer jobs, EarlyStopping earlyStopping, String storage) {
        this(source, name, description, metric, direction, dataset, searchSpace, fixedParams, sampler, pruner, seed, trials,
                timeout, jobs, earlyStopping, storage, StudyFileParser.DEFAULT_KEEP_MODELS, HeartbeatPolicy.DEFAULT);
    }

    /** A copy with other heartbeat settings (command-line overrides). */
    public StudyFile withHeartbeat(HeartbeatPolicy newHeartbeat) {
        return new StudyFile(source, name, description, metric, direction, dataset, searchSpace, fixedParams, sampler,
                pruner, seed, trials, timeout, jobs, earlyStopping, storage, keepModels, newHeartbeat);
    }

    /** A copy with command-line overrides applied (null leaves a setting as it is). */
    public StudyFile withOverrides(Integer trials, Integer jobs, Long seed, String storage, Duration timeout) {
        return new StudyFile(source, name, description, metric, direction, dataset, searchSpace, fixedParams, sampler,
                pruner, seed != null ? seed : this.seed, trials != null ? trials : this.trials,
                timeout != null ? timeout : this.timeout, jobs != null ? jobs : this.jobs, earlyStopping,
                storage != null ? storage : this.storage, keepModels, heartbeat);
    }
}
