package io.hpo4j.tuner;

import io.hpo4j.tuner.space.Distribution;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An immutable snapshot of a trial, as read from storage. Samplers, pruners, listeners and
 * queries only ever see snapshots; they never change after they are taken.
 *
 * @param id                 the storage's id of the trial, unique across studies
 * @param number             the trial's number within its study: 0, 1, 2, ... with no duplicates
 * @param state              the trial's state when the snapshot was taken
 * @param value              the objective value; null while running, for a failed trial, or a
 *                           pruned trial that reported nothing
 * @param params             parameter values by name, in the order they were suggested
 * @param distributions      the distribution each parameter was drawn from
 * @param intermediateValues values reported per step (epoch), by step
 * @param userAttrs          attributes set by the objective (JSON-compatible values)
 * @param systemAttrs        attributes set by hpo4j: sampler, generation, parents, provenance...
 * @param start              when the trial started running; null while waiting
 * @param complete           when the trial finished; null until then
 * @param failReason         the detail of its stop reason: why a FAIL trial failed, a PRUNED one
 *                           was pruned, or a COMPLETE one stopped early; null otherwise
 * @param record             what the trial recorded about itself (objective metric, seed, best
 *                           epoch, stop reason, enqueued parameters); never null
 */
public record FrozenTrial(long id, int number, TrialState state, Double value,
                          Map<String, Object> params, Map<String, Distribution> distributions,
                          SortedMap<Integer, Double> intermediateValues,
                          Map<String, Object> userAttrs, Map<String, Object> systemAttrs,
                          Instant start, Instant complete, String failReason, TrialRecord record) {

    /** A snapshot that has recorded nothing typed ({@link TrialRecord#EMPTY}), as tests build them. */
    public FrozenTrial(long id, int number, TrialState state, Double value,
                       Map<String, Object> params, Map<String, Distribution> distributions,
                       SortedMap<Integer, Double> intermediateValues,
                       Map<String, Object> userAttrs, Map<String, Object> systemAttrs,
                       Instant start, Instant complete, String failReason) {
        this(id, number, state, value, params, distributions, intermediateValues, userAttrs, systemAttrs, start,
                complete, failReason, TrialRecord.EMPTY);
    }

    public FrozenTrial {
        if (number < 0) {
            throw new IllegalArgumentException("trial number must be >= 0, but got " + number);
        }
        if (state == null) {
            throw new IllegalArgumentException("trial " + number + ": state must not be null");
        }
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        distributions = Collections.unmodifiableMap(new LinkedHashMap<>(distributions));
        intermediateValues = Collections.unmodifiableSortedMap(new TreeMap<>(intermediateValues));
        userAttrs = Collections.unmodifiableMap(new LinkedHashMap<>(userAttrs));
        systemAttrs = Collections.unmodifiableMap(new LinkedHashMap<>(systemAttrs));
        record = record == null ? TrialRecord.EMPTY : record;
    }

    /** The value as an optional. */
    public OptionalDouble optionalValue() {
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    /** The step of the last intermediate value, or empty. */
    public Optional<Integer> lastStep() {
        return intermediateValues.isEmpty() ? Optional.empty() : Optional.of(intermediateValues.lastKey());
    }

    /** Wall time from start to completion, or empty while the trial has not finished. */
    public Optional<Duration> duration() {
        return start == null || complete == null ? Optional.empty() : Optional.of(Duration.between(start, complete));
    }

    /** A copy with another state, value and completion, as storages build it when a trial finishes. */
    public FrozenTrial finished(TrialState newState, Double newValue, Instant completedAt, String reason) {
        return new FrozenTrial(id, number, newState, newValue, params, distributions, intermediateValues,
                userAttrs, systemAttrs, start, completedAt, reason, record);
    }
}
