package io.hpo4j.studies.cli;

import io.hpo4j.studies.query.ModelScores;
import io.hpo4j.studies.storage.JdbcStorage;
import io.hpo4j.studies.storage.ModelStore;
import io.hpo4j.trainers.model.ModelFile;
import io.hpo4j.trainers.model.TrainedModel;
import io.hpo4j.tuner.EpochMetrics;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.TrialState;
import io.hpo4j.tuner.storage.StudyRecord;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Kept models through the CLI on a tiny CSV study (240 rows of 3 features on very different
 * scales, so standardization matters), 4 trials of a net of 8 hidden units.
 */
class ModelCommandsTest {

    @TempDir
    Path dir;

    /** {@code rows} rows of f0 (around 1000, by class), f1 (around 0.001, by class), f2 (noise), label. */
    private Path csv(String name, int rows, long seed, boolean shuffleLabels) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder b = new StringBuilder("f0,f1,f2,label\n");
        for (int i = 0; i < rows; i++) {
            int c = random.nextInt(3);
            int label = shuffleLabels ? random.nextInt(3) : c;
            b.append(String.format(Locale.ROOT, "%.3f,%.6f,%.3f,%s%n", 1000 + 100 * c + random.nextGaussian() * 50,
                    0.001 * (1 + c) + random.nextGaussian() * 0.0003, random.nextGaussian(), "abc".charAt(label)));
        }
        Path file = dir.resolve(name);
        Files.writeString(file, b.toString());
        return file;
    }

    private Path study(String name, String testLine) throws Exception {
        // all four trials complete, so that two are kept
        return study(name, testLine, "random", "none", 4);
    }

    private Path study(String name, String testLine, String sampler, String pruner, int trials) throws Exception {
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, """
                name: %s
                metric: validation_accuracy
                dataset:
                  source: csv
                  path: train.csv
                  label_column: label
                  validation_split: 0.25
                %s
                search_space:
                  learning_rate: {type: float, low: 0.005, high: 0.2, log: true}
                fixed_params: {epochs: 5, layers: 1, hidden_units: 8, batch_size: 16}
                early_stopping: {monitor: validation_loss, patience: 2}
                seed: 5
                jobs: 1
                sampler: %s
                pruner: %s
                keep_models: 2
                budget: {trials: %d}
                """.formatted(name, testLine, sampler, pruner, trials));
        return file;
    }

    @Test
    void runKeepsTheBestTwoAndExportRetrainEvaluateAndPredictUseThem() throws Exception {
        csv("train.csv", 240, 1, false);
        Path test = csv("test.csv", 90, 2, false);
        CliTestSupport hpo = new CliTestSupport(dir);
        CliTestSupport.Result run = hpo.run("run", study("csvs", "  test_path: test.csv").toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(run.out().replaceAll("\\s+", " ")).contains("test data (test csv(", "90 rows, never seen by the search)", "selection: ");
        assertThat(run.out().lines().filter(l -> !l.startsWith("storage: ")))   // a URL is one word: never cut
                .as("hpo run's output fits 80 columns").allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(80));

        List<Integer> top2;
        try (JdbcStorage storage = JdbcStorage.open(hpo.url())) {
            StudyRecord s = storage.findStudy("csvs").orElseThrow();
            top2 = storage.trials(s.id(), EnumSet.of(TrialState.COMPLETE)).stream()
                    .sorted(Comparator.comparingDouble(FrozenTrial::value).reversed().thenComparingInt(FrozenTrial::number))
                    .limit(2).map(FrozenTrial::number).sorted().toList();
            String verdict = io.hpo4j.studies.query.ModelScores.read(storage, "csvs").optimism().verdict();
            assertThat(run.out().replaceAll("\\s+", " ").split(java.util.regex.Pattern.quote(verdict), -1))
                    .as("the selection verdict is said once, under the leaderboard").hasSize(2);
        }
        CliTestSupport.Result list = hpo.run("model", "list", "csvs", "--format", "csv");
        assertThat(list.out().lines().skip(1).map(l -> Integer.valueOf(l.split(",")[0])).toList()).containsExactlyElementsOf(top2);
        for (int columns : new int[]{80, 120}) {
            String table = hpo.run("model", "list", "csvs", "--columns", String.valueOf(columns)).out();
            assertThat(table.lines()).as("hpo model list fits %d columns", columns)
                    .allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(columns));
            assertThat(table).contains("trial", "bytes", "2 models");
        }

        // export: a plain DL4J program restores the network and the normalizer and predicts what hpo predict says
        Path model = dir.resolve("best.zip");
        CliTestSupport.Result export = hpo.run("model", "export", "csvs", "-o", model.toString());
        assertThat(export.exitCode()).as(export.err()).isEqualTo(0);
        CliTestSupport.Result predict = hpo.run("predict", "csvs", "--data", test.toString());
        assertThat(predict.exitCode()).as(predict.err()).isEqualTo(0);
        List<String> lines = predict.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("row,predicted,p_a,p_b,p_c");
        assertThat(lines).hasSize(91);
        MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(model.toFile());
        DataNormalization normalizer = ModelSerializer.restoreNormalizerFromFile(model.toFile());
        List<String> rows = Files.readAllLines(test).subList(1, 91);
        float[] x = new float[rows.size() * 3];
        for (int i = 0; i < rows.size(); i++) {
            String[] cells = rows.get(i).split(",");
            for (int j = 0; j < 3; j++) {
                x[i * 3 + j] = Float.parseFloat(cells[j]);
            }
        }
        INDArray features = Nd4j.create(x, new long[] {rows.size(), 3}, DataType.FLOAT);
        normalizer.transform(features);
        float[][] p = net.output(features, false).toFloatMatrix();
        for (int i = 0; i < p.length; i++) {
            String[] cells = lines.get(i + 1).split(",");
            for (int c = 0; c < 3; c++) {
                assertThat(Double.parseDouble(cells[2 + c])).isCloseTo(p[i][c], within(2e-6));
            }
        }
        net.close();

        // predict on data without labels: the features alone
        Path unlabelled = dir.resolve("unlabelled.csv");
        Files.writeString(unlabelled, "f0,f1,f2\n" + rows.stream().limit(5).map(r -> r.substring(0, r.lastIndexOf(',')))
                .collect(Collectors.joining("\n")) + "\n");
        CliTestSupport.Result bare = hpo.run("predict", "csvs", "--data", unlabelled.toString());
        assertThat(bare.exitCode()).as(bare.err()).isEqualTo(0);
        assertThat(bare.out().lines().skip(1).toList()).as("the same predictions as with the labels")
                .containsExactlyElementsOf(lines.subList(1, 6));

        // evaluate: the same test file, labelled
        CliTestSupport.Result evaluate = hpo.run("evaluate", "csvs", "--data", test.toString());
        assertThat(evaluate.exitCode()).as(evaluate.err()).isEqualTo(0);
        assertThat(evaluate.out()).contains("90 rows, accuracy ", "confusion matrix", "precision", "recall", "f1");

        // retrain: reproducible with its seed; shown by the leaderboard and hpo studies; it refreshes the verdict in SQL
        try (Connection c = DriverManager.getConnection(hpo.url(), "sa", "");
             Statement st = c.createStatement()) {
            assertThat(st.executeUpdate("DELETE FROM selection_verdicts")).as("hpo run stored the verdict").isEqualTo(1);
        }
        CliTestSupport.Result first = hpo.run("retrain", "csvs");
        CliTestSupport.Result second = hpo.run("retrain", "csvs");
        assertThat(first.exitCode()).as(first.err()).isEqualTo(0);
        String score = first.out().lines().filter(l -> l.startsWith("test (90 rows)")).findFirst().orElseThrow();
        assertThat(second.out()).contains(score);
        assertThat(first.out()).contains("training + validation rows");
        assertThat(hpo.run("leaderboard", "csvs").out()).contains("retrained_test", "selection: ");
        assertThat(hpo.run("studies", "--format", "csv").out().lines().findFirst().orElseThrow()).endsWith(",test");
        Path retrained = dir.resolve("retrained.zip");
        assertThat(hpo.run("model", "export", "csvs", "--retrained", "-o", retrained.toString()).exitCode()).isEqualTo(0);
        assertThat(ModelSerializer.restoreMultiLayerNetwork(retrained.toFile()).numParams()).isEqualTo(3 * 8 + 8 + 8 * 3 + 3);

        // the report's summary puts validation next to test
        Path report = dir.resolve("report.html");
        assertThat(hpo.run("report", "csvs", "-o", report.toString()).exitCode()).isEqualTo(0);
        String retrainedAccuracy = score.replaceAll(".*accuracy ([0-9.]+),.*", "$1");
        assertThat(Files.readString(report)).contains("Validation vs test", "test data never seen by the search",
                "<th>test</th><th>retrained test</th>", "Mean gap over the 2 kept trials",
                "Retrained on training + validation data: " + retrainedAccuracy + " on the test data");

        // SQL sees the same scores
        CliTestSupport.Result sql = hpo.run("sql", "csvs", "SELECT number, selection_rank FROM model_scores WHERE study = @study "
                + "AND model = 'BEST_EPOCH' ORDER BY selection_rank", "--format", "csv");
        assertThat(sql.exitCode()).as(sql.err()).isEqualTo(0);
        assertThat(sql.out().lines().skip(1).findFirst().orElseThrow()).endsWith(",1");
        CliTestSupport.Result verdict = hpo.run("sql", "csvs", "SELECT chosen_trial, retrained_test_accuracy, verdict "
                + "FROM selection_optimism WHERE study = @study", "--format", "json");
        assertThat(verdict.exitCode()).as(verdict.err()).isEqualTo(0);
        JsonNode row = new ObjectMapper().readTree(verdict.out()).get(0);
        try (JdbcStorage storage = JdbcStorage.open(hpo.url())) {
            ModelScores scores = ModelScores.read(storage, "csvs");
            int chosen = scores.optimism().chosen().orElseThrow().number();
            assertThat(row.get("verdict").asText()).as("SQL shows the verdict that the leaderboard shows")
                    .isEqualTo(scores.optimism().verdict());
            assertThat(row.get("chosen_trial").asInt()).isEqualTo(chosen);
            assertThat(row.get("retrained_test_accuracy").asDouble()).isEqualTo(scores.retrainedTestAccuracy(chosen).orElseThrow());
        }
        String readme = io.hpo4j.examples.ReadmeSnippets.readme();
        String section = readme.substring(readme.indexOf("## From a study to a model"));
        section = section.substring(0, section.indexOf("\n## ", 3));
        List<Long> rowsOfEach = new ArrayList<>();
        for (int at = section.indexOf("```sql\n"); at >= 0; at = section.indexOf("```sql\n", at + 1)) {
            String documented = section.substring(at + 7, section.indexOf("```", at + 7));
            CliTestSupport.Result readmeQuery = hpo.run("sql", "csvs", documented.strip().replace("'mnist-demo'", "@study"),
                    "--format", "csv");
            assertThat(readmeQuery.exitCode()).as(documented + readmeQuery.err()).isEqualTo(0);
            rowsOfEach.add(readmeQuery.out().lines().count() - 1);
        }
        assertThat(rowsOfEach).as("the README's queries: the 2 kept models, then the study's verdict").containsExactly(2L, 1L);
    }

    /** IDX images of 2x2 pixels whose brightness says the class (0, 1 or 2), and their labels. */
    private static void idx(Path dir, String prefix, int n, long seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        ByteBuffer images = ByteBuffer.allocate(16 + 4 * n).putInt(0x803).putInt(n).putInt(2).putInt(2);
        ByteBuffer labels = ByteBuffer.allocate(8 + n).putInt(0x801).putInt(n);
        for (int i = 0; i < n; i++) {
            int c = random.nextInt(3);
            for (int p = 0; p < 4; p++) {
                images.put((byte) Math.min(255, 40 + 80 * c + random.nextInt(30)));
            }
            labels.put((byte) c);
        }
        Files.write(dir.resolve(prefix + "-images-idx3-ubyte"), images.array());
        Files.write(dir.resolve(prefix + "-labels-idx1-ubyte"), labels.array());
    }

    @Test
    void anIdxStudyIsScoredOnItsT10kFilesAndEvaluateReadsThem() throws Exception {
        Path data = Files.createDirectories(dir.resolve("idx"));
        idx(data, "train", 300, 1);
        idx(data, "t10k", 60, 2);
        Path file = dir.resolve("idx.yaml");
        Files.writeString(file, """
                name: images
                dataset: {source: idx, path: idx, validation_split: 0.25, test_path: idx}
                search_space:
                  learning_rate: {type: float, low: 0.01, high: 0.1, log: true}
                fixed_params: {epochs: 3, layers: 1, hidden_units: 8, batch_size: 16}
                sampler: random
                pruner: none
                seed: 3
                jobs: 1
                keep_models: 1
                budget: {trials: 2}
                """);
        CliTestSupport hpo = new CliTestSupport(dir);
        CliTestSupport.Result run = hpo.run("run", file.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(run.out().replaceAll("\\s+", " ")).contains("60 rows, never seen by the search", "selection: ");

        CliTestSupport.Result evaluate = hpo.run("evaluate", "images", "--data", data.toString());
        assertThat(evaluate.exitCode()).as(evaluate.err()).isEqualTo(0);
        String accuracy = evaluate.out().lines().findFirst().orElseThrow().replaceAll(".*accuracy ([0-9.]+),.*", "$1");
        assertThat(evaluate.out()).contains("60 rows", "confusion matrix");
        try (JdbcStorage storage = JdbcStorage.open(hpo.url())) {
            double stored = ModelScores.read(storage, "images").chosenTestAccuracy().orElseThrow();
            assertThat(String.format(Locale.ROOT, "%.4f", stored)).as("evaluate scores the t10k files as hpo run did")
                    .isEqualTo(accuracy);
        }
    }

    @Test
    void theTestDataNeverReachTheSamplerPrunerOrEarlyStopping() throws Exception {
        csv("train.csv", 240, 1, false);
        csv("poison.csv", 90, 9, true);     // same features, random labels: it would change every decision it reached
        // a sampler that models the values after two trials, a pruner that acts from the first epoch, early stopping
        String tpe = "{type: tpe, n_startup_trials: 2}";
        String median = "{type: median, n_startup_trials: 1, n_warmup_steps: 1}";
        CliTestSupport hpo = new CliTestSupport(dir);
        assertThat(hpo.run("run", study("without", "", tpe, median, 6).toString()).exitCode()).isEqualTo(0);
        CliTestSupport.Result with = hpo.run("run", study("with", "  test_path: poison.csv", tpe, median, 6).toString());
        assertThat(with.exitCode()).as(with.err()).isEqualTo(0);
        assertThat(with.out().replaceAll("\\s+", " ")).as("the test data were read, after the search")
                .contains("90 rows, never seen by the search");

        try (JdbcStorage storage = JdbcStorage.open(hpo.url())) {
            List<Object> without = trace(storage, "without");
            assertThat(trace(storage, "with")).isEqualTo(without);
            assertThat(without).hasSize(6 * 3);
            StudyRecord s = storage.findStudy("without").orElseThrow();
            assertThat(storage.trials(s.id(), EnumSet.of(TrialState.PRUNED))).as("the pruner made decisions").isNotEmpty();
            assertThat(storage.trials(s.id(), EnumSet.of(TrialState.COMPLETE))).as("and let some trials finish").isNotEmpty();
        }
    }

    /** Per trial: its parameters, value, curve and why it stopped. */
    private static List<Object> trace(JdbcStorage storage, String name) {
        StudyRecord s = storage.findStudy(name).orElseThrow();
        List<Object> trace = new ArrayList<>();
        for (FrozenTrial t : storage.trials(s.id(), EnumSet.allOf(TrialState.class))) {
            trace.add(Map.of("params", t.params(), "value", String.valueOf(t.value()), "stop", String.valueOf(t.record().stopReason())));
            trace.add(storage.epochs(t.id()).stream().map(e -> List.of(e.trainLoss(), e.validationLoss(), e.validationAccuracy())).toList());
            trace.add(t.intermediateValues());
        }
        return trace;
    }

    @Test
    void badInputGetsOneClearLineAndExitCode2() throws Exception {
        csv("train.csv", 240, 1, false);
        Path threeColumns = dir.resolve("two-features.csv");
        Files.writeString(threeColumns, "f0,f1,label\n1,2,a\n3,4,b\n");
        CliTestSupport hpo = new CliTestSupport(dir);

        CliTestSupport.Result missing = hpo.run("run", study("missing", "  test_path: nowhere.csv").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err().lines().toList()).singleElement().asString().contains("test_path", "nowhere.csv", "does not exist");

        assertThat(hpo.run("run", study("ok", "  test_fraction: 0.2").toString()).exitCode()).isEqualTo(0);
        int failed;
        try (JdbcStorage storage = JdbcStorage.open(hpo.url())) {
            StudyRecord s = storage.findStudy("ok").orElseThrow();
            ModelStore store = ModelStore.of(storage);
            byte[] aModel = store.bytes(s.id(), store.models(s.id()).get(0).trialNumber(), ModelStore.Kind.BEST_EPOCH).orElseThrow();
            FrozenTrial t = storage.createTrial(s.id());
            // a trial that kept a model with the best value ever, then failed before it was recorded COMPLETE
            store.keepIfAmongBest(t.id(), 1.0, 1, 1, aModel, 2);
            storage.finishTrial(t.id(), TrialState.FAIL, null, "TrainingDivergedException: loss became NaN");
            failed = t.number();
        }
        CliTestSupport.Result fail = hpo.run("model", "export", "ok", String.valueOf(failed), "-o", dir.resolve("x.zip").toString());
        assertThat(fail.exitCode()).isEqualTo(2);
        assertThat(fail.err().lines().toList()).singleElement().asString().startsWith("hpo model export: ")
                .contains("trial " + failed + " of study 'ok' is FAIL", "only COMPLETE trials have models");
        Path best = dir.resolve("best.zip");
        assertThat(hpo.run("model", "export", "ok", "-o", best.toString()).exitCode()).isEqualTo(0);
        try (TrainedModel exported = ModelFile.read(best)) {
            assertThat(exported.metadata().get("trial")).as("the best kept model of a COMPLETE trial").isNotEqualTo(failed);
        }

        CliTestSupport.Result mismatch = hpo.run("evaluate", "ok", "--data", threeColumns.toString());
        assertThat(mismatch.exitCode()).isEqualTo(2);
        assertThat(mismatch.err().lines().toList()).singleElement().asString()
                .contains("two-features.csv has 2 features, but the model was trained on 3");

        CliTestSupport.Result noTrial = hpo.run("retrain", "ok", "--trial", "99");
        assertThat(noTrial.exitCode()).isEqualTo(2);
        assertThat(noTrial.err()).contains("study 'ok' has no trial 99");
        assertThat(Files.exists(dir.resolve("x.zip"))).as("nothing written").isFalse();
    }
}
