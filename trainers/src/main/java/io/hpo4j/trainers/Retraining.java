package io.hpo4j.trainers;

import io.hpo4j.trainers.data.FeatureScaling;
import io.hpo4j.trainers.data.FittedScaling;
import io.hpo4j.trainers.data.LabeledDataset;
import io.hpo4j.trainers.model.TrainedModel;
import io.hpo4j.trainers.nn.MlpConfig;
import io.hpo4j.trainers.nn.MlpNetworks;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Trains one chosen configuration from scratch on all the data it is given (typically the study's
 * training and validation parts together) for a fixed number of epochs, with no validation, no
 * early stopping and no pruning: the final fit after a search, as Keras Tuner's
 * "retrain the best hyperparameters on the full data".
 *
 * <pre>{@code
 * MlpConfig config = MlpConfig.fromParams(Map.of("epochs", bestEpoch), trialParams);
 * TrainedModel model = Retraining.fit(config, trainPlusValidation, FeatureScaling.NONE, trialSeed, Map.of());
 * }</pre>
 *
 * <p>Reproducible: the same configuration, data and seed give the same weights (the network is
 * seeded as in {@link MlpNetworks}, and each epoch's shuffle is drawn from the seed as in
 * {@link MlpTrainer}). Run it on one thread from start to end.
 */
public final class Retraining {

    private Retraining() {
    }

    /**
     * Fits {@code config} for {@code config.epochs()} epochs on every row of {@code raw}.
     *
     * @param raw      the rows, as loaded; the scaling is fitted on them and saved with the model
     * @param scaling  the kind of scaling
     * @param seed     seeds the weights, dropout and the epochs' shuffles
     * @param metadata extra facts saved with the model
     * @throws TrainingDivergedException if the training loss stops being finite
     */
    public static TrainedModel fit(MlpConfig config, LabeledDataset raw, FeatureScaling scaling, long seed,
                                   Map<String, Object> metadata) throws InterruptedException {
        FittedScaling fitted = scaling.fit(raw);
        LabeledDataset data = fitted.apply(raw);
        MultiLayerNetwork net = MlpNetworks.build(config, data.numFeatures(), data.numClasses(), seed);
        boolean done = false;
        try (Minibatches batches = new Minibatches(data)) {
            int[] order = MlpTrainer.evenlySpaced(data.size(), data.size());
            SplittableRandom shuffle = new SplittableRandom(seed);
            int batchSize = config.batchSize();
            for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                MlpTrainer.shuffle(order, shuffle);
                for (int from = 0; from < order.length; from += batchSize) {
                    if (Thread.interrupted()) {
                        throw new InterruptedException("retraining interrupted in epoch " + epoch);
                    }
                    int to = Math.min(order.length, from + batchSize);
                    INDArray x = batches.features(order, from, to);
                    INDArray y = batches.oneHotLabels(order, from, to);
                    net.fit(x, y);                 // x and y are the minibatches' reused arrays: not closed here
                    if (!Double.isFinite(net.score())) {
                        String what = "training loss became " + net.score() + " at epoch " + epoch + " of the retraining";
                        throw new TrainingDivergedException(what, epoch);
                    }
                }
            }
            Map<String, Object> all = new LinkedHashMap<>(metadata);
            all.put("epochs", config.epochs());
            all.put("seed", seed);
            all.put("params", config.toParams());
            all.put("trained_on", Map.of("name", raw.name(), "examples", raw.size(), "sha256", raw.contentHash()));
            TrainedModel model = new TrainedModel(net, fitted, data.classNames(), all);
            done = true;
            return model;
        } finally {
            if (!done) {
                net.close();
            }
        }
    }
}
