package io.hpo4j.trainers;

import io.hpo4j.trainers.data.DataSpec;
import io.hpo4j.trainers.data.DatasetCache;
import io.hpo4j.trainers.data.FittedScaling;
import io.hpo4j.trainers.data.PreparedData;
import io.hpo4j.trainers.data.LabeledDataset;
import io.hpo4j.trainers.data.TrainValidation;
import io.hpo4j.trainers.nn.MlpConfig;
import io.hpo4j.trainers.nn.MlpNetworks;
import io.hpo4j.trainers.model.TrainedModel;
import io.hpo4j.tuner.BestEpoch;
import io.hpo4j.tuner.Direction;
import io.hpo4j.tuner.EpochMetrics;
import io.hpo4j.tuner.EpochMetrics.Metric;
import io.hpo4j.tuner.Objective;
import io.hpo4j.tuner.ObjectiveMetric;
import io.hpo4j.tuner.StopReason;
import io.hpo4j.tuner.Trial;
import io.hpo4j.tuner.space.CategoricalDistribution;
import io.hpo4j.tuner.space.Distribution;
import io.hpo4j.tuner.space.FloatDistribution;
import io.hpo4j.tuner.space.IntDistribution;
import io.hpo4j.tuner.space.SearchSpace;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * An {@link Objective} that trains a DL4J multilayer perceptron on a classification dataset,
 * epoch by epoch, and returns the best epoch's objective metric (validation accuracy by default).
 *
 * <pre>{@code
 * TrainValidation data = Datasets.mnist10k(8_000, 2_000);
 * MlpTrainer trainer = MlpTrainer.builder(data)
 *     .objective(Metric.VALIDATION_ACCURACY)
 *     .earlyStopping(EarlyStopping.of(Metric.VALIDATION_LOSS, 3, 0.001))
 *     .defaults(Map.of("epochs", 20))
 *     .build();
 * SearchSpace space = SearchSpace.builder()
 *     .addLogFloat("learning_rate", 1e-4, 1e-1)
 *     .addInt("hidden_units", 32, 512)
 *     .addCategorical("optimizer", "sgd", "momentum", "adam")
 *     .build();
 * trainer.validate(space);                            // fails fast on a parameter it cannot use
 * Study study = Study.builder("mnist-mlp")
 *     .direction(trainer.direction())               // MAXIMIZE for an accuracy
 *     .searchSpace(space)
 *     .build();
 * study.optimize(trainer, OptimizeOptions.trials(20).withJobs(2));
 * }</pre>
 *
 * <h2>What a trial does</h2>
 * <ol>
 *   <li>Its parameters are the declared search space ({@link Trial#suggestAll()}) over the
 *       trainer's {@linkplain Builder#defaults(Map) defaults}, read by
 *       {@link MlpConfig#fromParams(Map, Map)}; a bad value fails the trial with a message naming
 *       it.</li>
 *   <li>{@link MlpNetworks#build} creates the network, seeded with {@link Trial#seed()} on the
 *       trial's own thread (ND4J's generator is per thread, see {@link MlpNetworks}).</li>
 *   <li>Each epoch shuffles the training rows with a generator seeded from the trial's seed,
 *       fits minibatches built from the shared dataset, then measures, in inference mode, loss
 *       and accuracy on a fixed subsample of at most {@link Builder#trainEvalExamples(int)}
 *       training rows (the same rows for every epoch and every trial) and on the whole validation
 *       part; reports the epoch ({@link Trial#reportEpoch}) and the objective metric
 *       ({@link Trial#report}); throws {@link Trial#pruned()} if the study's pruner says so; and
 *       stops if {@link EarlyStopping} says so.</li>
 *   <li>If a minibatch's loss or a measured loss becomes NaN or infinite, training stops with a
 *       {@link TrainingDivergedException} (the trial fails) naming the loss, its value and the
 *       epoch; that epoch is recorded with what was measured when it stopped.</li>
 *   <li>The trial records its objective metric ({@link #metric()}), its best epoch and why it
 *       stopped (completed, {@link StopReason.EarlyStopped early stopped},
 *       {@link StopReason.Diverged diverged}, pruned) in its typed record; its user attributes
 *       record {@code effective_params} (every parameter used, defaults included) and
 *       {@code provenance} (dataset names, sizes and SHA-256, DL4J/ND4J
 *       versions and backend, thread variables, the network's parameter count, the trainer's
 *       settings).</li>
 *   <li>With a {@linkplain Builder#keepModels(ModelKeeper) model keeper}, the weights of the best
 *       epoch so far are copied in memory ({@link BestWeights}) and, when the trial completes, the
 *       network with those weights and the data's {@link FittedScaling} is offered to the keeper
 *       (restore-best-weights, as Keras' {@code EarlyStopping}).</li>
 * </ol>
 *
 * <p>Immutable and thread-safe: trials may run in parallel, each on its own thread; they share
 * the (immutable) data and nothing else. Networks are closed when their trial ends. Thread
 * layout (OpenMP/SameDiff threads) is not set here: ND4J takes it from the environment.
 */
public final class MlpTrainer implements Objective {

    private static final Logger LOG = LoggerFactory.getLogger(MlpTrainer.class);

    static {
        NativeTuning.apply(); // before ND4J loads its natives
    }

    /** Rows per inference batch when measuring loss and accuracy. */
    static final int MEASURE_BATCH = 1000;

    private final TrainValidation data;
    private final String dataDescription;
    private final Metric objective;
    private final EarlyStopping earlyStopping;
    private final int trainEvalExamples;
    private final Map<String, Object> defaults;
    private final LongSupplier nanoTime;
    private final int[] trainEvalRows;
    private final int[] validationRows;
    private final FittedScaling scaling;
    private final ModelKeeper keeper;

    private MlpTrainer(Builder b) {
        this.data = b.data;
        this.dataDescription = b.dataDescription;
        this.objective = b.objective;
        this.earlyStopping = b.earlyStopping;
        this.trainEvalExamples = b.trainEvalExamples;
        this.defaults = Collections.unmodifiableMap(new LinkedHashMap<>(b.defaults));
        this.nanoTime = b.nanoTime;
        this.trainEvalRows = evenlySpaced(data.train().size(), trainEvalExamples);
        this.validationRows = evenlySpaced(data.validation().size(), data.validation().size());
        this.scaling = b.scaling != null ? b.scaling : FittedScaling.identity(data.numFeatures());
        this.keeper = b.keeper;
    }

    /** A builder for a trainer on already prepared data. */
    public static Builder builder(TrainValidation data) {
        return new Builder(data, "");
    }

    /**
     * A builder for a trainer on the data of {@code spec}, prepared now through the process-wide
     * {@link DatasetCache#shared() cache} (so every trainer and trial of the process shares it).
     *
     * @throws IOException if the data cannot be read, naming the file and the problem
     */
    public static Builder builder(DataSpec spec) throws IOException {
        PreparedData prepared = DatasetCache.shared().prepared(spec);
        Builder b = new Builder(prepared.scaled(), spec.describe());
        b.scaling = prepared.scaling();
        return b;
    }

    /** A builder holding this trainer's settings. */
    public Builder toBuilder() {
        Builder b = new Builder(data, dataDescription);
        b.objective = objective;
        b.earlyStopping = earlyStopping;
        b.trainEvalExamples = trainEvalExamples;
        b.defaults = new LinkedHashMap<>(defaults);
        b.nanoTime = nanoTime;
        b.scaling = scaling;
        b.keeper = keeper;
        return b;
    }

    public TrainValidation data() {
        return data;
    }

    /** The metric whose best epoch value {@link #evaluate} returns. */
    public Metric objective() {
        return objective;
    }

    /** The objective metric, recorded with every trial. */
    @Override
    public Optional<ObjectiveMetric> metric() {
        return Optional.of(ObjectiveMetric.of(objective));
    }

    /** The study direction that matches the objective metric: MAXIMIZE for accuracies, MINIMIZE for losses. */
    public Direction direction() {
        return objective.direction();
    }

    public EarlyStopping earlyStopping() {
        return earlyStopping;
    }

    public int trainEvalExamples() {
        return trainEvalExamples;
    }

    /** Parameter values used when a trial's search space lacks them; unmodifiable. */
    public Map<String, Object> defaults() {
        return defaults;
    }

    /**
     * Checks that every parameter of {@code space} is one this trainer understands and that the
     * ends of each range (each choice of a categorical) make a valid {@link MlpConfig} together
     * with the defaults, so that a bad study file fails before its first trial.
     *
     * @throws IllegalArgumentException naming the parameter and the bad value
     */
    public void validate(SearchSpace space) {
        for (Map.Entry<String, Distribution> e : space.distributions().entrySet()) {
            String name = e.getKey();
            if (!MlpConfig.PARAMETERS.contains(name)) {
                throw new IllegalArgumentException(name + ": not a parameter of MlpTrainer; it takes " + MlpConfig.PARAMETERS);
            }
            for (Object value : probes(e.getValue())) {
                Map<String, Object> params = new LinkedHashMap<>();
                for (String other : space.names()) {
                    params.put(other, other.equals(name) ? value : probes(space.get(other)).get(0));
                }
                MlpConfig.fromParams(params, defaults);
            }
        }
    }

    private static List<Object> probes(Distribution d) {
        if (d instanceof FloatDistribution f) {
            return List.of(f.low(), f.high());
        }
        if (d instanceof IntDistribution i) {
            return List.of(i.low(), i.high());
        }
        return ((CategoricalDistribution) d).choices();
    }

    @Override
    public double evaluate(Trial trial) throws Exception {
        Map<String, Object> params = new LinkedHashMap<>(defaults);
        params.putAll(trial.suggestAll());
        MlpConfig config = MlpConfig.fromParams(params, Map.of());
        trial.setUserAttr("effective_params", config.toParams());

        MultiLayerNetwork net = MlpNetworks.build(config, data.numFeatures(), data.numClasses(), trial.seed());
        BestWeights bestWeights = keeper == ModelKeeper.NONE ? null : new BestWeights();
        try {
            trial.setUserAttr("provenance", provenance(net));
            return train(trial, config, net, bestWeights);
        } finally {
            if (bestWeights != null) {
                bestWeights.close();
            }
            net.close();
        }
    }

    private double train(Trial trial, MlpConfig config, MultiLayerNetwork net, BestWeights bestWeights) throws InterruptedException {
        try (Minibatches trainBatches = new Minibatches(data.train());
             Minibatches validationBatches = new Minibatches(data.validation())) {
            return train(trial, config, net, bestWeights, trainBatches, validationBatches);
        }
    }

    private double train(Trial trial, MlpConfig config, MultiLayerNetwork net, BestWeights bestWeights,
                         Minibatches trainBatches, Minibatches validationBatches) throws InterruptedException {
        LabeledDataset train = data.train();
        int[] order = evenlySpaced(train.size(), train.size());
        SplittableRandom shuffle = new SplittableRandom(trial.seed());

        EarlyStopping.State stopping = earlyStopping.begin(objective);
        TreeMap<Integer, Double> values = new TreeMap<>();
        int epoch = 0;
        while (epoch < config.epochs()) {
            epoch++;
            long start = nanoTime.getAsLong();
            shuffle(order, shuffle);
            String diverged = fitEpoch(trial, net, trainBatches, order, config.batchSize(), epoch);
            Minibatches.Measurement onTrain = trainBatches.measure(net, trainEvalRows, MEASURE_BATCH);
            Minibatches.Measurement onValidation = validationBatches.measure(net, validationRows, MEASURE_BATCH);
            double seconds = Math.max(0, (nanoTime.getAsLong() - start) / 1e9);
            EpochMetrics metrics = new EpochMetrics(epoch, onTrain.loss(), onTrain.accuracy(),
                    onValidation.loss(), onValidation.accuracy(), seconds);
            trial.reportEpoch(metrics);
            if (diverged == null && !Double.isFinite(metrics.trainLoss())) {
                diverged = "train_loss became " + metrics.trainLoss() + " at epoch " + epoch;
            }
            if (diverged == null && !Double.isFinite(metrics.validationLoss())) {
                diverged = "validation_loss became " + metrics.validationLoss() + " at epoch " + epoch;
            }
            if (diverged != null) {
                trial.recordStop(new StopReason.Diverged(epoch, diverged));
                LOG.debug("trial {}: {}", trial.number(), diverged);
                throw new TrainingDivergedException(diverged, epoch);
            }

            double value = metrics.get(objective);
            trial.report(epoch, value);
            values.put(epoch, value);
            if (bestWeights != null && Integer.valueOf(epoch).equals(BestEpoch.of(values, objective.direction()))) {
                bestWeights.remember(epoch, net);
            }
            LOG.debug("trial {} epoch {}: {}", trial.number(), epoch, metrics);
            if (trial.shouldPrune()) {
                throw trial.pruned();
            }
            stopping = stopping.next(metrics.get(stopping.metric()));
            if (stopping.shouldStop() && epoch < config.epochs()) {
                trial.recordStop(new StopReason.EarlyStopped(epoch, stopping.reason()));
                break;
            }
        }
        // The value at the best epoch, by the one definition the trial records (BestEpoch).
        Integer best = BestEpoch.of(values, objective.direction());
        double bestValue = best == null ? Double.NaN : values.get(best);
        if (bestWeights != null && best != null) {
            offerBest(trial, config, net, bestWeights, bestValue);
        }
        return bestValue;
    }

    /** Hands the best epoch's network (its weights restored into {@code net}) to the keeper. */
    private void offerBest(Trial trial, MlpConfig config, MultiLayerNetwork net, BestWeights bestWeights, double value) {
        keeper.offer(trial, value, () -> {
            bestWeights.restore(net);
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("kind", "best_epoch");
            metadata.put("trial", trial.number());
            metadata.put("trial_seed", trial.seed());
            metadata.put("epoch", bestWeights.epoch());
            metadata.put("objective", objective.key());
            metadata.put("value", value);
            metadata.put("params", config.toParams());
            return new TrainedModel(net, scaling, data.train().classNames(), metadata);
        });
    }

    /**
     * One pass over the training rows in {@code order}, minibatch by minibatch; returns null, or
     * what diverged if a minibatch's loss stopped being finite (the pass stops there).
     */
    private static String fitEpoch(Trial trial, MultiLayerNetwork net, Minibatches batches, int[] order, int batchSize,
                                   int epoch) throws InterruptedException {
        int count = (order.length + batchSize - 1) / batchSize;
        for (int b = 0; b < count; b++) {
            if (Thread.interrupted()) {
                throw new InterruptedException("trial " + trial.number() + " interrupted in epoch " + epoch);
            }
            int from = b * batchSize;
            int to = Math.min(order.length, from + batchSize);
            INDArray x = batches.features(order, from, to);
            INDArray y = batches.oneHotLabels(order, from, to);
            net.fit(x, y); // x and y are reused for the next minibatch of this size (see Minibatches)
            double score = net.score();
            if (!Double.isFinite(score)) {
                return "training loss became " + score + " at epoch " + epoch + " (minibatch " + (b + 1) + " of " + count + ")";
            }
        }
        return null;
    }

    private Map<String, Object> provenance(MultiLayerNetwork net) {
        Map<String, Object> map = new LinkedHashMap<>();
        Map<String, Object> dataset = new LinkedHashMap<>();
        if (!dataDescription.isEmpty()) {
            dataset.put("spec", dataDescription);
        }
        dataset.putAll(data.describe());
        map.put("dataset", dataset);
        map.putAll(Dl4jEnvironment.describe());
        map.put("network_params", net.numParams());
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("objective", objective.key());
        settings.put("early_stopping", earlyStopping.enabled()
                ? Map.of("monitor", earlyStopping.monitorFor(objective).key(), "patience", earlyStopping.patience(),
                "min_delta", earlyStopping.minDelta())
                : "disabled");
        settings.put("train_eval_examples", trainEvalRows.length);
        map.put("trainer", settings);
        return map;
    }

    /** {@code min(size, count)} row indices spread evenly over {@code [0, size)}: all rows, in order, when count >= size. */
    static int[] evenlySpaced(int size, int count) {
        int n = Math.min(size, count);
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = (int) ((long) i * size / n);
        }
        return rows;
    }

    /** Fisher-Yates in place: each epoch's order of the training rows (also {@link Retraining}'s). */
    static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    @Override
    public String toString() {
        return "MlpTrainer{objective=" + objective.key() + ", earlyStopping=" + earlyStopping + ", train=" + data.train().size()
                + ", validation=" + data.validation().size() + "}";
    }

    /**
     * Settings of an {@link MlpTrainer}. Only the data are required: the objective defaults to
     * validation accuracy, early stopping to disabled, the training subsample for train metrics
     * to 10,000 rows, and parameter defaults to {@link MlpConfig#DEFAULTS}.
     */
    public static final class Builder {
        private final TrainValidation data;
        private final String dataDescription;
        private Metric objective = Metric.VALIDATION_ACCURACY;
        private EarlyStopping earlyStopping = EarlyStopping.disabled();
        private int trainEvalExamples = 10_000;
        private Map<String, Object> defaults = new LinkedHashMap<>(MlpConfig.DEFAULTS);
        private LongSupplier nanoTime = System::nanoTime;
        private FittedScaling scaling;
        private ModelKeeper keeper = ModelKeeper.NONE;

        private Builder(TrainValidation data, String dataDescription) {
            if (data == null) {
                throw new IllegalArgumentException("trainer data must not be null");
            }
            this.data = data;
            this.dataDescription = dataDescription;
        }

        /** The metric to optimize; its best epoch value is the trial's value. Default: validation accuracy. */
        public Builder objective(Metric objective) {
            this.objective = objective;
            return this;
        }

        /** When to stop a trial's training early. Default: {@link EarlyStopping#disabled()}. */
        public Builder earlyStopping(EarlyStopping earlyStopping) {
            this.earlyStopping = earlyStopping;
            return this;
        }

        /**
         * At most this many training rows (evenly spaced, the same for every epoch and trial) are
         * used to measure train loss and accuracy, in inference mode. Default 10,000.
         */
        public Builder trainEvalExamples(int trainEvalExamples) {
            this.trainEvalExamples = trainEvalExamples;
            return this;
        }

        /**
         * Values for parameters that a trial's search space does not define; they override
         * {@link MlpConfig#DEFAULTS} name by name (so {@code Map.of("epochs", 20)} changes only
         * the epochs).
         */
        public Builder defaults(Map<String, ?> overrides) {
            Map<String, Object> merged = new LinkedHashMap<>(MlpConfig.DEFAULTS);
            merged.putAll(overrides);
            this.defaults = merged;
            return this;
        }

        /**
         * Where each completed trial's best-epoch network goes (see {@link ModelKeeper}). Default:
         * {@link ModelKeeper#NONE}, and then the best weights are not even copied.
         */
        public Builder keepModels(ModelKeeper keeper) {
            this.keeper = keeper;
            return this;
        }

        /**
         * The scaling the data were given (saved with kept models, so they predict on raw
         * inputs). Set by {@link MlpTrainer#builder(DataSpec)}; for {@link MlpTrainer#builder(TrainValidation)}
         * the default is none.
         */
        public Builder scaling(FittedScaling scaling) {
            this.scaling = scaling;
            return this;
        }

        /** The clock used to time epochs, in nanoseconds (tests inject a fake one). */
        public Builder nanoTime(LongSupplier nanoTime) {
            this.nanoTime = nanoTime;
            return this;
        }

        /**
         * The trainer.
         *
         * @throws IllegalArgumentException naming the first bad setting
         */
        public MlpTrainer build() {
            if (objective == null) {
                throw new IllegalArgumentException("trainer objective must be one of [train_loss, train_accuracy, validation_loss, validation_accuracy], but got null");
            }
            if (earlyStopping == null) {
                throw new IllegalArgumentException("trainer early stopping must not be null; use EarlyStopping.disabled()");
            }
            if (trainEvalExamples < 1) {
                throw new IllegalArgumentException("trainer train_eval_examples must be >= 1, but got " + trainEvalExamples);
            }
            if (nanoTime == null) {
                throw new IllegalArgumentException("trainer clock must not be null");
            }
            if (keeper == null) {
                throw new IllegalArgumentException("trainer model keeper must not be null; use ModelKeeper.NONE");
            }
            if (scaling != null && scaling.numFeatures() != data.numFeatures()) {
                throw new IllegalArgumentException("trainer scaling has " + scaling.numFeatures() + " features, but the data have "
                        + data.numFeatures());
            }
            List<String> unknown = new ArrayList<>(defaults.keySet());
            unknown.removeAll(MlpConfig.PARAMETERS);
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("trainer defaults name unknown parameters " + unknown + "; an MLP takes "
                        + MlpConfig.PARAMETERS);
            }
            MlpConfig.fromParams(Map.of(), defaults);
            return new MlpTrainer(this);
        }
    }
}
