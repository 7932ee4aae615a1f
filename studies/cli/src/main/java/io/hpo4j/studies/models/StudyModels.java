package io.hpo4j.studies.models;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hpo4j.studies.query.ModelScores;
import io.hpo4j.studies.query.StudyLookup;
import io.hpo4j.studies.storage.ModelStore.Kind;
import io.hpo4j.studies.storage.ModelStore.StoredModel;
import io.hpo4j.studies.storage.ModelStore;
import io.hpo4j.trainers.Retraining;
import io.hpo4j.trainers.data.DataSpec;
import io.hpo4j.trainers.data.DatasetCache;
import io.hpo4j.trainers.data.LabeledDataset;
import io.hpo4j.trainers.data.PreparedData;
import io.hpo4j.trainers.model.ModelEvaluation;
import io.hpo4j.trainers.model.ModelFile;
import io.hpo4j.trainers.model.TrainedModel;
import io.hpo4j.trainers.nn.MlpConfig;
import io.hpo4j.tuner.Direction;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.TrialState;
import io.hpo4j.tuner.storage.Storage;
import io.hpo4j.tuner.storage.StudyRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The networks of one study: kept best-epoch models of its best trials, retraining, and scores on
 * its test data. Models come back as {@link TrainedModel}s that take raw features.
 *
 * <pre>{@code
 * try (JdbcStorage storage = JdbcStorage.open(url)) {
 *     StudyModels models = StudyModels.of(storage, "mnist-mlp");
 *     try (TrainedModel best = models.best()) {                 // best epoch of the best trial
 *         ModelEvaluation e = best.evaluate(testRows);
 *     }
 *     StudyModels.Retrained r = models.retrain(models.bestTrial(), data, null);   // train + validation, then test
 * }
 * }</pre>
 *
 * <p>Thread-safe for reading; train one retraining at a time per thread.
 */
public final class StudyModels {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Storage storage;
    private final StudyRecord study;
    private final ModelStore store;

    private StudyModels(Storage storage, StudyRecord study) {
        this.storage = storage;
        this.study = study;
        this.store = ModelStore.of(storage);
    }

    /**
     * The models of {@code study} in {@code storage} (a study database).
     *
     * @throws IllegalArgumentException if there is no such study, or the storage is not a database
     */
    public static StudyModels of(Storage storage, String study) {
        StudyRecord record = StudyLookup.require(storage, study);
        return new StudyModels(storage, record);
    }

    public StudyRecord study() {
        return study;
    }

    /** The kept models, without their bytes. */
    public List<StoredModel> kept() {
        return store.models(study.id());
    }

    /** Bytes used by the kept models. */
    public long keptBytes() {
        return store.totalBytes(study.id());
    }

    /**
     * The number of the study's best completed trial.
     *
     * @throws IllegalArgumentException if no trial completed
     */
    public int bestTrial() {
        Comparator<FrozenTrial> byValue = Comparator.comparingDouble(FrozenTrial::value);
        if (study.direction() == Direction.MAXIMIZE) {
            byValue = byValue.reversed();
        }
        return storage.trials(study.id(), EnumSet.of(TrialState.COMPLETE)).stream()
                .filter(t -> t.value() != null && !t.value().isNaN())
                .min(byValue.thenComparingInt(FrozenTrial::number)).map(FrozenTrial::number)
                .orElseThrow(() -> new IllegalArgumentException("study '" + study.name() + "' has no completed trial yet"));
    }

    /**
     * The best-epoch network of the study's best trial that has one.
     *
     * @throws IllegalArgumentException if the study keeps no model
     */
    public TrainedModel best() {
        StoredModel best = bestKept()
                .orElseThrow(() -> new IllegalArgumentException("study '" + study.name() + "' keeps no model: its trials "
                        + "ran without keep_models (or with keep_models: 0), or none completed"));
        return model(best.trialNumber(), Kind.BEST_EPOCH);
    }

    /** The kept best-epoch model with the best value. */
    public Optional<StoredModel> bestKept() {
        Comparator<StoredModel> byValue = Comparator.comparingDouble(StoredModel::objectiveValue);
        if (study.direction() == Direction.MAXIMIZE) {
            byValue = byValue.reversed();
        }
        Set<Integer> complete = completeTrials();
        return kept().stream().filter(m -> m.kind() == Kind.BEST_EPOCH && complete.contains(m.trialNumber()))
                .min(byValue.thenComparingInt(StoredModel::trialNumber));
    }

    /** The numbers of the study's COMPLETE trials: only their models are served. */
    private Set<Integer> completeTrials() {
        return storage.trials(study.id(), EnumSet.of(TrialState.COMPLETE)).stream().map(FrozenTrial::number)
                .collect(Collectors.toSet());
    }

    /**
     * A kept model of trial {@code number}.
     *
     * @throws IllegalArgumentException naming the trial and why it has no such model (unknown, not
     *                                  COMPLETE, not among the kept best, not retrained)
     */
    public TrainedModel model(int number, Kind kind) {
        return ModelFile.fromBytes(modelBytes(number, kind), "the " + kind.name().toLowerCase(java.util.Locale.ROOT)
                + " model of trial " + number + " of study '" + study.name() + "'");
    }

    /**
     * The bytes of a kept model (a model file, as {@code hpo model export} writes it).
     *
     * @throws IllegalArgumentException as {@link #model}; also for a trial that kept a model but
     *                                  never completed (its worker died just after keeping it)
     */
    public byte[] modelBytes(int number, Kind kind) {
        FrozenTrial t = trial(number);
        if (t.state() != TrialState.COMPLETE) {
            throw new IllegalArgumentException("trial " + number + " of study '" + study.name() + "' is " + t.state()
                    + (t.failReason() == null ? "" : " (" + t.failReason() + ")") + ": only COMPLETE trials have models");
        }
        return store.bytes(study.id(), number, kind).orElseThrow(() -> noModel(number, kind));
    }

    private IllegalArgumentException noModel(int number, Kind kind) {
        if (kind == Kind.RETRAINED) {
            return new IllegalArgumentException("trial " + number + " of study '" + study.name()
                    + "' was not retrained; run: hpo retrain " + study.name() + " --trial " + number);
        }
        List<Integer> keptNumbers = kept().stream().filter(m -> m.kind() == Kind.BEST_EPOCH).map(StoredModel::trialNumber).toList();
        return new IllegalArgumentException("no model is kept for trial " + number + " of study '" + study.name()
                + "': only the best keep_models trials keep theirs" + (keptNumbers.isEmpty() ? " (none is kept)"
                : " (kept: trials " + keptNumbers + ")") + "; hpo retrain " + study.name() + " --trial " + number
                + " makes one");
    }

    private FrozenTrial trial(int number) {
        return storage.trial(study.id(), number).orElseThrow(() -> new IllegalArgumentException(
                "study '" + study.name() + "' has no trial " + number));
    }

    /** A retrained model and its test score. */
    public record Retrained(int trial, int epochs, long seed, int trainExamples, Optional<ModelEvaluation> test) {
    }

    /**
     * Retrains trial {@code number}'s configuration on the training and validation parts of
     * {@code data} for its best epoch count, evaluates it once on the test part (if the data have
     * one), and stores the model and its score with the study.
     *
     * @param seed the seed of the weights, dropout and shuffles; null for the trial's own seed
     * @throws IllegalArgumentException if the trial is not COMPLETE or lacks what a retraining needs
     */
    public Retrained retrain(int number, DataSpec data, Long seed) throws IOException, InterruptedException {
        FrozenTrial t = trial(number);
        if (t.state() != TrialState.COMPLETE) {
            throw new IllegalArgumentException("trial " + number + " of study '" + study.name() + "' is " + t.state()
                    + ": only COMPLETE trials can be retrained");
        }
        if (!(t.userAttrs().get("effective_params") instanceof Map<?, ?> params)) {
            throw new IllegalArgumentException("trial " + number + " of study '" + study.name()
                    + "' records no effective_params: it was not trained by MlpTrainer");
        }
        int bestEpoch = t.record().bestEpoch() != null ? t.record().bestEpoch() : 0;
        if (bestEpoch < 1) {
            throw new IllegalArgumentException("trial " + number + " of study '" + study.name() + "' records no best_epoch");
        }
        long trialSeed = seed != null ? seed
                : t.record().seed() != null ? t.record().seed() : number;
        @SuppressWarnings("unchecked")
        MlpConfig config = MlpConfig.fromParams(Map.of("epochs", bestEpoch), (Map<String, ?>) params);
        PreparedData prepared = DatasetCache.shared().prepared(data);
        LabeledDataset all = LabeledDataset.concat(prepared.raw().train().name() + "+validation", prepared.raw().train(),
                prepared.raw().validation());
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("kind", "retrained");
        metadata.put("study", study.name());
        metadata.put("trial", number);
        metadata.put("value", t.value());
        try (TrainedModel model = Retraining.fit(config, all, data.scaling(), trialSeed, metadata)) {
            store.putRetrained(t.id(), t.value(), bestEpoch, trialSeed, ModelFile.toBytes(model));
            Optional<ModelEvaluation> test = prepared.test().map(model::evaluate);
            test.ifPresent(e -> storeEvaluation(t.id(), Kind.RETRAINED, data, e));
            store.putSelection(study.id(), scores().optimism());   // refreshed whenever the study's models are scored
            return new Retrained(number, bestEpoch, trialSeed, all.size(), test);
        }
    }

    /** A kept model's test score. */
    public record TestScore(int trial, double validation, ModelEvaluation test) {
    }

    /**
     * Scores every kept best-epoch model on the test part of {@code data} and stores the scores
     * and the selection verdict (SQL: {@code model_scores}, {@code selection_optimism}); empty if
     * the data have no test part. This is the only place a study's test data meet its
     * trials' networks, and it happens after the search, so nothing the search decided depends on it.
     */
    public List<TestScore> evaluateKeptOnTest(DataSpec data) throws IOException {
        PreparedData prepared = DatasetCache.shared().prepared(data);
        if (prepared.test().isEmpty()) {
            return List.of();
        }
        LabeledDataset test = prepared.test().get();
        List<TestScore> scores = new ArrayList<>();
        Set<Integer> complete = completeTrials();
        for (StoredModel m : kept()) {
            if (m.kind() != Kind.BEST_EPOCH || !complete.contains(m.trialNumber())) {
                continue;
            }
            try (TrainedModel model = model(m.trialNumber(), Kind.BEST_EPOCH)) {
                ModelEvaluation e = model.evaluate(test);
                storeEvaluation(trial(m.trialNumber()).id(), Kind.BEST_EPOCH, data, e);
                scores.add(new TestScore(m.trialNumber(), m.objectiveValue(), e));
            }
        }
        store.putSelection(study.id(), scores().optimism());   // the verdict, for SQL
        return scores;
    }

    /** Validation vs test scores and the selection optimism, as stored. */
    public ModelScores scores() {
        return ModelScores.read(storage, study.name());
    }

    private void storeEvaluation(long trialId, Kind kind, DataSpec data, ModelEvaluation e) {
        String details;
        try {
            details = JSON.writeValueAsString(e.toMap());
        } catch (JsonProcessingException x) {
            throw new UncheckedIOException("cannot write the evaluation as JSON: " + x.getMessage(), x);
        }
        store.putEvaluation(trialId, kind, data.test().describe(), e.examples(), e.accuracy(), e.loss(), details);
    }
}
