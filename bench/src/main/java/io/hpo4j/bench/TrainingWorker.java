package io.hpo4j.bench;

import io.hpo4j.trainers.Dl4jEnvironment;
import io.hpo4j.trainers.MlpTrainer;
import io.hpo4j.trainers.data.DataSource;
import io.hpo4j.trainers.data.DataSpec;
import io.hpo4j.trainers.data.IdxPart;
import io.hpo4j.trainers.data.Split;
import io.hpo4j.tuner.EpochMetrics;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.OptimizeOptions;
import io.hpo4j.tuner.Study;
import io.hpo4j.tuner.StudyView;
import io.hpo4j.tuner.TrialListener;
import io.hpo4j.tuner.TrialState;
import io.hpo4j.studies.storage.Json;
import io.hpo4j.tuner.storage.InMemoryStorage;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hpo4j side of {@code bench/run training}, run in a child JVM so that each measurement gets
 * its own ND4J thread layout (read from the environment at start-up) and a fresh process, like its
 * PyTorch twin. Trains {@code --jobs} identical trials at once through a {@link Study} (as
 * {@code hpo run} does) and prints one JSON object per epoch and one for the run; with
 * {@code --rss-trials N} it instead runs N short trials one after another and prints the
 * process's resident memory after each.
 *
 * <pre>
 * java -cp ... io.hpo4j.bench.TrainingWorker --data DIR|mnist-10k --train 50000 --validation 10000 \
 *     --hidden 256 --layers 1 --dropout 0 --batch 128 --epochs 3 --jobs 1
 * </pre>
 */
public final class TrainingWorker {

    private TrainingWorker() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        String data = options.getOrDefault("--data", "mnist-10k");
        int train = Integer.parseInt(options.getOrDefault("--train", "8000"));
        int validation = Integer.parseInt(options.getOrDefault("--validation", "2000"));
        DataSource source = data.equals("mnist-10k") ? DataSource.mnist10k()
                : DataSource.idxDirectory(Path.of(data), IdxPart.TRAIN);
        Map<String, Object> params = Map.of(
                "epochs", Integer.parseInt(options.getOrDefault("--epochs", "3")),
                "batch_size", Integer.parseInt(options.getOrDefault("--batch", "128")),
                "hidden_units", Integer.parseInt(options.getOrDefault("--hidden", "256")),
                "layers", Integer.parseInt(options.getOrDefault("--layers", "1")),
                "dropout", Double.parseDouble(options.getOrDefault("--dropout", "0")),
                "activation", "relu", "optimizer", "adam", "learning_rate", 1e-3);
        MlpTrainer trainer = MlpTrainer.builder(DataSpec.of(source, Split.headTail(train, validation))).defaults(params).build();
        if (options.containsKey("--rss-trials")) {
            rss(trainer, Integer.parseInt(options.get("--rss-trials")));
        } else {
            train(trainer, Integer.parseInt(options.getOrDefault("--jobs", "1")));
        }
    }

    private static void train(MlpTrainer base, int jobs) {
        // The trainer reads its clock at the start and the end of each epoch: with one job, the
        // process CPU time read alongside gives each epoch's CPU seconds.
        List<Long> cpuReadings = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        MlpTrainer trainer = base.toBuilder().nanoTime(() -> {
            cpuReadings.add(processCpuNanos());
            return System.nanoTime();
        }).build();
        InMemoryStorage storage = new InMemoryStorage();
        Study study = Study.builder("training-bench").storage(storage).direction(trainer.direction()).seed(1).build();
        Dl4jEnvironment.describe(); // ND4J loaded before the clock starts, as PyTorch is imported before its
        long start = System.currentTimeMillis();
        long cpu = processCpuNanos();
        study.optimize(trainer, OptimizeOptions.trials(jobs).withJobs(jobs));
        long end = System.currentTimeMillis();
        double cpuSeconds = (processCpuNanos() - cpu) / 1e9;
        int epochs = 0;
        for (FrozenTrial t : study.trials()) {
            if (t.state() != TrialState.COMPLETE) {
                throw new IllegalStateException("trial " + t.number() + " ended " + t.state() + ": " + t.failReason());
            }
            for (EpochMetrics m : storage.epochs(t.id())) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("trial", t.number());
                line.put("epoch", m.epoch());
                line.put("wall", m.seconds());
                if (jobs == 1 && cpuReadings.size() >= 2 * m.epoch()) {
                    line.put("cpu", (cpuReadings.get(2 * m.epoch() - 1) - cpuReadings.get(2 * m.epoch() - 2)) / 1e9);
                }
                line.put("train_loss", m.trainLoss());
                line.put("train_accuracy", m.trainAccuracy());
                line.put("validation_loss", m.validationLoss());
                line.put("validation_accuracy", m.validationAccuracy());
                System.out.println(Json.write(line));
                epochs++;
            }
        }
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("run", true);
        run.put("start", start / 1000.0);
        run.put("end", end / 1000.0);
        run.put("wall", (end - start) / 1000.0);
        run.put("cpu", cpuSeconds);
        run.put("epochs", epochs);
        run.put("environment", Dl4jEnvironment.describe());
        System.out.println(Json.write(run));
    }

    private static void rss(MlpTrainer trainer, int trials) {
        Study study = Study.builder("rss-bench").storage(new InMemoryStorage()).direction(trainer.direction()).seed(1).build();
        TrialListener sampler = new TrialListener() {
            @Override
            public void onTrialFinished(StudyView view, FrozenTrial trial) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("trial", trial.number());
                line.put("state", trial.state().name());
                line.put("rss_mb", residentMegabytes());
                Runtime rt = Runtime.getRuntime();
                line.put("heap_mb", (rt.totalMemory() - rt.freeMemory()) / 1048576.0);
                System.out.println(Json.write(line));
            }
        };
        study.optimize(trainer, OptimizeOptions.trials(trials).withListener(sampler));
    }

    /** This process's resident set size in MiB, from /proc/self/status (NaN where there is none). */
    static double residentMegabytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    List<String> parts = List.of(line.substring(6).trim().split("\\s+"));
                    return Long.parseLong(parts.get(0)) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    private static long processCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return -1;
    }
}
