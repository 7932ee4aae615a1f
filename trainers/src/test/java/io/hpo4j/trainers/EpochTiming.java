package io.hpo4j.trainers;

import io.hpo4j.trainers.data.DataSource;
import io.hpo4j.trainers.data.DataSpec;
import io.hpo4j.trainers.data.DatasetCache;
import io.hpo4j.trainers.data.IdxPart;
import io.hpo4j.trainers.data.Split;
import io.hpo4j.trainers.data.TrainValidation;
import io.hpo4j.trainers.nn.MlpConfig;
import io.hpo4j.trainers.nn.MlpNetworks;
import io.hpo4j.tuner.EpochMetrics;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.Study;
import io.hpo4j.tuner.storage.InMemoryStorage;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.nio.file.Path;
import java.util.Map;

/**
 * Not a test: a by-hand measurement of seconds per epoch for a 784-256-10 ReLU MLP (batch 128,
 * Adam), on mnist-10k (8,000 train / 2,000 validation) and optionally on the first 50,000
 * Fashion-MNIST training images (last 10,000 validate). Run with the thread layout in the
 * environment, e.g.
 *
 * <pre>
 * OMP_NUM_THREADS=1 SD_MAX_THREADS=1 SD_MASTER_THREADS=1 OMP_WAIT_POLICY=PASSIVE \
 *   java -cp ... io.hpo4j.trainers.EpochTiming [fashion-mnist-dir] [epochs]
 * </pre>
 */
public final class EpochTiming {

    private EpochTiming() {
    }

    public static void main(String[] args) throws Exception {
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        System.out.println("environment: " + Dl4jEnvironment.describe());
        measure("mnist-10k 8,000 train", DataSpec.of(DataSource.mnist10k(), Split.headTail(8_000, 2_000)), epochs);
        if (args.length > 0 && !args[0].isEmpty()) {
            measure("fashion-mnist first 50,000 train",
                    DataSpec.of(DataSource.idxDirectory(Path.of(args[0]), IdxPart.TRAIN), Split.headTail(50_000, 10_000)), epochs);
        }
    }

    private static void measure(String label, DataSpec spec, int epochs) throws Exception {
        long t0 = System.nanoTime();
        TrainValidation data = DatasetCache.shared().prepare(spec);
        System.out.printf("%s: loaded in %.2f s (%d train, %d validation)%n", label, (System.nanoTime() - t0) / 1e9,
                data.train().size(), data.validation().size());
        Map<String, Object> params = Map.of("epochs", epochs, "batch_size", 128, "hidden_units", 256, "layers", 1,
                "activation", "relu", "optimizer", "adam", "learning_rate", 1e-3, "dropout", 0.0);

        // 1. fit only: what one pass of minibatch training costs
        MlpConfig config = MlpConfig.fromParams(params, Map.of());
        MultiLayerNetwork net = MlpNetworks.build(config, data.numFeatures(), data.numClasses(), 1);
        Minibatches batches = new Minibatches(data.train());
        int[] order = MlpTrainer.evenlySpaced(data.train().size(), data.train().size());
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int e = 1; e <= epochs; e++) {
            long start = System.nanoTime();
            long cpuStart = threads.getCurrentThreadCpuTime();
            for (int from = 0; from < order.length; from += config.batchSize()) {
                int to = Math.min(order.length, from + config.batchSize());
                org.nd4j.linalg.api.ndarray.INDArray x = batches.features(order, from, to);
                org.nd4j.linalg.api.ndarray.INDArray y = batches.oneHotLabels(order, from, to);
                net.fit(x, y);
            }
            System.out.printf("%s: fit-only epoch %d: %.2f s wall, %.2f s CPU of this thread%n", label, e,
                    (System.nanoTime() - start) / 1e9, (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9);
        }
        net.close();

        // 2. the trainer's epoch: fit + train metrics on <= 10,000 rows + validation metrics
        MlpTrainer trainer = MlpTrainer.builder(data).defaults(params).build();
        InMemoryStorage storage = new InMemoryStorage();
        Study study = Study.builder("timing").storage(storage).direction(trainer.direction()).seed(1).build();
        study.optimize(trainer, 1);
        FrozenTrial t = study.trials().get(0);
        for (EpochMetrics m : storage.epochs(t.id())) {
            System.out.printf("%s: trainer epoch %d: %.2f s  train_loss=%.4f train_acc=%.4f val_loss=%.4f val_acc=%.4f%n",
                    label, m.epoch(), m.seconds(), m.trainLoss(), m.trainAccuracy(), m.validationLoss(), m.validationAccuracy());
        }
        System.out.println(label + ": " + t.state() + " value=" + t.value() + " " + t.record().stopReason());
    }
}
