package io.hpo4j.bench;

import io.hpo4j.studies.analysis.SelectionOptimism;
import io.hpo4j.studies.config.StudyFile;
import io.hpo4j.studies.models.StudyModels;
import io.hpo4j.studies.storage.ModelStore.Kind;
import io.hpo4j.studies.storage.ModelStore.StoredModel;
import io.hpo4j.tuner.storage.Storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code fashion-quick --test} measures after a study, as {@code hpo run}, {@code hpo model
 * export} and {@code hpo retrain} would: the kept networks scored on the test images, the
 * selection optimism of the chosen trial (validation minus test accuracy, with twice its standard
 * error), the mean gap over the kept trials, the bytes the kept models take, the time to write the
 * best model's file and to retrain the chosen configuration on training + validation images (its
 * test accuracy too). Times are in-process: no JVM start.
 */
record HeldOut(int chosenTrial, double validation, double test, double optimism, double twoStandardErrors, double meanGap,
               int kept, long keptBytes, double exportSeconds, double retrainSeconds, double retrainedTest, String verdict) {

    /** Scores, exports (to a temporary file) and retrains the study of {@code file} in {@code storage}. */
    static HeldOut measure(Storage storage, StudyFile file) throws IOException, InterruptedException {
        StudyModels models = StudyModels.of(storage, file.name());
        models.evaluateKeptOnTest(file.dataset());
        SelectionOptimism optimism = models.scores().optimism();
        SelectionOptimism.Row chosen = optimism.chosen().orElseThrow(() -> new IllegalStateException(
                "study '" + file.name() + "' has no kept model scored on test data"));
        StoredModel best = models.bestKept().orElseThrow();
        long keptBytes = models.kept().stream().filter(m -> m.kind() == Kind.BEST_EPOCH).mapToLong(StoredModel::sizeBytes).sum();

        long t0 = System.nanoTime();
        Path exported = Files.createTempFile("hpo4j-fashion-quick-", ".zip");
        try {
            Files.write(exported, models.modelBytes(best.trialNumber(), Kind.BEST_EPOCH));
        } finally {
            Files.deleteIfExists(exported);
        }
        long t1 = System.nanoTime();
        StudyModels.Retrained retrained = models.retrain(models.bestTrial(), file.dataset(), null);
        long t2 = System.nanoTime();
        return new HeldOut(chosen.number(), chosen.validation(), chosen.test(), optimism.optimism(),
                2 * chosen.standardError(), optimism.meanGap(), optimism.rows().size(), keptBytes,
                (t1 - t0) / 1e9, (t2 - t1) / 1e9, retrained.test().map(e -> e.accuracy()).orElse(Double.NaN), optimism.verdict());
    }

    /** One line for the log. */
    String describe() {
        return String.format(Locale.ROOT, "held out: trial %d validation %.4f, test %.4f, optimism %+.4f ± %.4f, mean gap of %d "
                        + "kept %+.4f; kept models %,d bytes; export %.2f s, retrain %.1f s (test %.4f)", chosenTrial, validation,
                test, optimism, twoStandardErrors, kept, meanGap, keptBytes, exportSeconds, retrainSeconds, retrainedTest);
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("chosen_trial", chosenTrial);
        m.put("validation_accuracy", validation);
        m.put("test_accuracy", test);
        m.put("optimism", optimism);
        m.put("two_standard_errors", Double.isFinite(twoStandardErrors) ? twoStandardErrors : null);
        m.put("mean_gap_kept", meanGap);
        m.put("kept", kept);
        m.put("kept_bytes", keptBytes);
        m.put("export_seconds", exportSeconds);
        m.put("retrain_seconds", retrainSeconds);
        m.put("retrained_test_accuracy", Double.isFinite(retrainedTest) ? retrainedTest : null);
        m.put("verdict", verdict);
        return m;
    }
}
