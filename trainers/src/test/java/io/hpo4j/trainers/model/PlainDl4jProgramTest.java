package io.hpo4j.trainers.model;

import io.hpo4j.trainers.MlpTrainer;
import io.hpo4j.trainers.ModelKeeper;
import io.hpo4j.trainers.data.CsvFormat;
import io.hpo4j.trainers.data.DataSource;
import io.hpo4j.trainers.data.DataSpec;
import io.hpo4j.trainers.data.DatasetCache;
import io.hpo4j.trainers.data.LabeledDataset;
import io.hpo4j.trainers.data.Split;
import io.hpo4j.tuner.EpochMetrics.Metric;
import io.hpo4j.tuner.Study;
import io.hpo4j.tuner.Trial;
import io.hpo4j.tuner.space.SearchSpace;
import io.hpo4j.tuner.storage.InMemoryStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A model file in a DL4J program that has never heard of hpo4j: another JVM whose class path is
 * DL4J and its dependencies only (no hpo4j module), running {@code src/test/plain-dl4j/PlainDl4jPredict.java}
 * with Java's source-file launcher. Trials train with hpo4j's own dense layers; the file must hold
 * stock DL4J layers that predict what the trained network predicted.
 */
class PlainDl4jProgramTest {

    @TempDir
    Path dir;

    @Test
    void aModelFileLoadsInADl4jProgramWithoutHpo4jAndPredictsAsTheTrainedNetwork() throws Exception {
        Path csv = ModelTestData.write(dir, "scaled.csv", 240, 3);
        DataSpec spec = DataSpec.of(DataSource.csv(csv, CsvFormat.labelNamed("label")), Split.random(0.3, 7));
        LabeledDataset raw = new DatasetCache().prepared(spec).raw().validation();
        float[] rows = new float[raw.size() * raw.numFeatures()];
        int[] all = new int[raw.size()];
        Arrays.setAll(all, i -> i);
        raw.copyRows(all, 0, all.length, rows);

        // the trained network itself (hpo4j's layers), as the keeper is offered it, and its file
        List<float[][]> trained = new ArrayList<>();
        List<byte[]> files = new ArrayList<>();
        ModelKeeper keeper = (Trial trial, double value, Supplier<TrainedModel> model) -> {
            TrainedModel m = model.get();
            trained.add(m.probabilities(rows));
            files.add(ModelFile.toBytes(m));
        };
        MlpTrainer trainer = MlpTrainer.builder(spec).objective(Metric.VALIDATION_LOSS).keepModels(keeper)
                .defaults(Map.of("hidden_units", 8, "layers", 2, "epochs", 3, "batch_size", 16, "activation", "tanh")).build();
        Study study = Study.builder("plain").storage(new InMemoryStorage()).direction(trainer.direction())
                .searchSpace(SearchSpace.builder().addCategorical("optimizer", "adam").build()).seed(3).build();
        study.optimize(trainer, 1);
        assertThat(files).hasSize(1);
        Path model = Files.write(dir.resolve("model.zip"), files.get(0));
        StringBuilder rawCsv = new StringBuilder();
        for (int i = 0; i < raw.size(); i++) {
            for (int j = 0; j < raw.numFeatures(); j++) {
                rawCsv.append(j == 0 ? "" : ",").append(rows[i * raw.numFeatures() + j]);
            }
            rawCsv.append('\n');
        }
        Path input = Files.writeString(dir.resolve("rows.csv"), rawCsv);

        List<String> classPath = dl4jOnlyClassPath();
        assertThat(classPath).as("DL4J is on the program's class path").anyMatch(e -> e.contains("deeplearning4j-nn"));
        Path program = Path.of("src", "test", "plain-dl4j", "PlainDl4jPredict.java").toAbsolutePath();
        Process java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", String.join(File.pathSeparator, classPath), program.toString(), model.toString(), input.toString())
                .directory(dir.toFile()).redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile()).start();
        assertThat(java.waitFor(5, TimeUnit.MINUTES)).as("the program ends").isTrue();
        assertThat(java.exitValue()).as(Files.readString(dir.resolve("err.txt"))).isZero();

        List<String> lines = Files.readAllLines(dir.resolve("out.txt"));
        assertThat(lines).hasSize(raw.size());
        float[][] ours = trained.get(0);
        for (int i = 0; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",");
            assertThat(cells).hasSize(ours[i].length);
            float[] theirs = new float[cells.length];
            for (int c = 0; c < cells.length; c++) {
                theirs[c] = Float.parseFloat(cells[c]);
                assertThat(theirs[c]).as("row %d, class %d", i, c).isCloseTo(ours[i][c], within(1e-5f));
            }
            assertThat(TrainedModel.argmax(theirs)).as("row %d's class", i).isEqualTo(TrainedModel.argmax(ours[i]));
        }
    }

    /** This JVM's class path without hpo4j's modules (their classes directories and jars). */
    private static List<String> dl4jOnlyClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.isBlank())
                .filter(e -> {
                    Path p = Path.of(e);
                    String name = p.getFileName().toString();
                    boolean moduleOutput = Files.isDirectory(p) && (name.equals("classes") || name.equals("test-classes"));
                    return !moduleOutput && !name.startsWith("hpo4j-");
                })
                .collect(Collectors.toList());
    }
}
