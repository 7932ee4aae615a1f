package io.hpo4j.studies.cli;

import io.hpo4j.studies.storage.JdbcStorage;
import io.hpo4j.tuner.Direction;
import io.hpo4j.tuner.IfExists;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.OptimizeOptions;
import io.hpo4j.tuner.Study;
import io.hpo4j.tuner.TrialState;
import io.hpo4j.studies.storage.Json;
import io.hpo4j.tuner.sampler.Samplers;
import io.hpo4j.tuner.sampler.genetic.GeneticSampler;
import io.hpo4j.tuner.sampler.genetic.GeneticSettings;
import io.hpo4j.tuner.space.SearchSpace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EnqueueCommandTest {

    /** A small space with one distribution of each kind, as in the MLP studies. */
    static final SearchSpace SPACE = SearchSpace.builder()
            .addInt("epochs", 3, 20)
            .addCategorical("batch_size", 32, 64, 128)
            .addLogFloat("learning_rate", 1e-4, 1e-1)
            .addCategorical("activation", "relu", "tanh", "sigmoid")
            .build();

    @TempDir
    Path dir;
    String url;

    record Result(int exitCode, String out, String err) {
    }

    @BeforeEach
    void createStudy() {
        url = "jdbc:h2:file:" + dir.resolve("studies");
        try (JdbcStorage storage = JdbcStorage.open(url)) {
            Study.builder("mlp").storage(storage).direction(Direction.MAXIMIZE).searchSpace(SPACE).build();
        }
    }

    private Result hpo(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Hpo.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    private List<FrozenTrial> trials() {
        try (JdbcStorage storage = JdbcStorage.open(url)) {
            long id = storage.findStudy("mlp").orElseThrow().id();
            return storage.trials(id, EnumSet.allOf(TrialState.class));
        }
    }

    private static Map<String, Object> fixedParams(FrozenTrial trial) {
        return trial.record().enqueuedParams();
    }

    @Test
    void enqueuedTrialIsWaitingWithValuesOfTheDeclaredTypes() {
        Result r = hpo("enqueue", "mlp", "batch_size=64", "activation=relu", "learning_rate=1e-3", "epochs=5", "--storage", url);

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("enqueued trial 0 of study mlp (WAITING)");
        List<FrozenTrial> trials = trials();
        assertThat(trials).hasSize(1);
        assertThat(trials.get(0).state()).isEqualTo(TrialState.WAITING);
        // Stored as JSON: the types that come back are what a later run sees.
        Map<String, Object> fixed = fixedParams(trials.get(0));
        assertThat(fixed).containsExactlyInAnyOrderEntriesOf(Map.of("batch_size", 64, "activation", "relu",
                "learning_rate", 1e-3, "epochs", 5));
    }

    @Test
    void enqueuedTrialShowsAsWaitingInStudies() {
        assertThat(hpo("enqueue", "mlp", "batch_size=128", "--storage", url).exitCode()).isEqualTo(ExitCodes.OK);

        Result studies = hpo("studies", "--storage", url, "--format", "json");

        assertThat(studies.exitCode()).as(studies.err()).isEqualTo(ExitCodes.OK);
        List<?> rows = (List<?>) Json.parse(studies.out());
        assertThat(rows).hasSize(1);
        Map<?, ?> row = (Map<?, ?>) rows.get(0);
        assertThat(row.get("study")).isEqualTo("mlp");
        assertThat(((Number) row.get("waiting")).intValue()).isEqualTo(1);
        assertThat(((Number) row.get("trials")).intValue()).isEqualTo(1);
    }

    @Test
    void paramsJsonIsReadLikeAssignments() {
        Result r = hpo("enqueue", "mlp", "--params-json", "{\"batch_size\": 32, \"activation\": \"tanh\", \"learning_rate\": 0.01}",
                "--storage", url);

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(fixedParams(trials().get(0))).containsExactlyInAnyOrderEntriesOf(Map.of("batch_size", 32,
                "activation", "tanh", "learning_rate", 0.01));
    }

    @Test
    void unknownParameterIsRejectedWithExitCode2AndNothingEnqueued() {
        Result r = hpo("enqueue", "mlp", "batch_size=64", "momentum=0.9", "--storage", url);

        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).contains("momentum: not a parameter of this study; expected one of [epochs, batch_size, learning_rate, activation]");
        assertThat(trials()).isEmpty();
    }

    @Test
    void valuesOutsideTheirDistributionAreRejectedWithExitCode2() {
        Result epochs = hpo("enqueue", "mlp", "epochs=25", "--storage", url);
        Result batch = hpo("enqueue", "mlp", "batch_size=100", "--storage", url);
        Result rate = hpo("enqueue", "mlp", "learning_rate=0.5", "--storage", url);
        Result notInt = hpo("enqueue", "mlp", "epochs=3.5", "--storage", url);
        Result choice = hpo("enqueue", "mlp", "--params-json", "{\"activation\": \"elu\"}", "--storage", url);

        assertThat(List.of(epochs.exitCode(), batch.exitCode(), rate.exitCode(), notInt.exitCode(), choice.exitCode()))
                .containsOnly(ExitCodes.INVALID_INPUT);
        assertThat(epochs.err()).contains("epochs: expected an integer in int[3, 20], but got 25");
        assertThat(batch.err()).contains("batch_size: expected one of [32, 64, 128], but got '100'");
        assertThat(rate.err()).contains("learning_rate: expected a number in float[1.0E-4, 0.1] log, but got 0.5");
        assertThat(notInt.err()).contains("epochs: expected an integer in int[3, 20], but got '3.5'");
        assertThat(choice.err()).contains("activation: expected one of [relu, tanh, sigmoid], but got 'elu'");
        assertThat(trials()).isEmpty();
    }

    @Test
    void unknownStudyMalformedAssignmentAndNoParametersAreInvalidInput() {
        Result unknown = hpo("enqueue", "nope", "epochs=5", "--storage", url);
        Result malformed = hpo("enqueue", "mlp", "epochs", "--storage", url);
        Result none = hpo("enqueue", "mlp", "--storage", url);
        Result both = hpo("enqueue", "mlp", "epochs=5", "--params-json", "{}", "--storage", url);

        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(unknown.err()).contains("no study named 'nope'");
        assertThat(malformed.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(malformed.err()).contains("expected NAME=VALUE, e.g. batch_size=64, but got 'epochs'");
        assertThat(none.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(none.err()).contains("expected at least one NAME=VALUE parameter");
        assertThat(both.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(trials()).isEmpty();
    }

    @Test
    void studyFileCreatesTheStudySoThatItsFirstRunStartsWithTheEnqueuedTrial() throws Exception {
        Path file = dir.resolve("fresh.yaml");
        java.nio.file.Files.writeString(file, """
                name: fresh
                search_space:
                  learning_rate: {type: float, low: 1.0e-4, high: 1.0e-1, log: true}
                  optimizer: {type: categorical, choices: [sgd, adam]}
                budget: {trials: 2}
                """);

        Result r = hpo("enqueue", "fresh", "optimizer=adam", "--file", file.toString(), "--storage", url);
        Result mismatch = hpo("enqueue", "other", "optimizer=adam", "--file", file.toString(), "--storage", url);

        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("enqueued trial 0 of study fresh (WAITING): optimizer=adam")
                .contains("sampled when it runs: learning_rate");
        assertThat(mismatch.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(mismatch.err()).contains("describes study 'fresh', but the command names 'other'");
        try (JdbcStorage storage = JdbcStorage.open(url)) {
            Study fresh = Study.builder("fresh").storage(storage).direction(Direction.MAXIMIZE).load();
            assertThat(fresh.searchSpace().names()).containsExactly("learning_rate", "optimizer");
            assertThat(fresh.trials()).singleElement().satisfies(t -> {
                assertThat(t.state()).isEqualTo(TrialState.WAITING);
                assertThat(fixedParams(t)).containsExactly(Map.entry("optimizer", "adam"));
            });
        }
    }

    @Test
    void aRejectedEnqueueCreatesNeitherTheStudyNorTheStorage() throws Exception {
        Path file = dir.resolve("fresh.yaml");
        java.nio.file.Files.writeString(file, """
                name: fresh
                search_space:
                  optimizer: {type: categorical, choices: [sgd, adam]}
                budget: {trials: 2}
                """);
        Path typo = dir.resolve("studeis");

        Result badValue = hpo("enqueue", "fresh", "optimizer=lion", "--file", file.toString(), "--storage", url);
        Result noStorage = hpo("enqueue", "mlp", "epochs=5", "--storage", "jdbc:h2:file:" + typo);
        Result noStorageBadValue = hpo("enqueue", "fresh", "optimizer=lion", "--file", file.toString(),
                "--storage", "jdbc:h2:file:" + typo);

        assertThat(badValue.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        try (JdbcStorage storage = JdbcStorage.open(url)) {
            assertThat(storage.findStudy("fresh")).as("the study of a rejected enqueue").isEmpty();
        }
        assertThat(noStorage.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(noStorage.err()).contains("no storage at jdbc:h2:file:" + typo).doesNotContain("\tat ");
        assertThat(noStorageBadValue.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(java.nio.file.Path.of(typo + ".mv.db")).doesNotExist();
    }

    @Test
    void nextRunEvaluatesTheEnqueuedTrialFirstAndTheGeneticSamplerBreedsFromIt() {
        // The objective peaks at the enqueued configuration, so it is the best parent from then on.
        assertThat(hpo("enqueue", "mlp", "epochs=17", "batch_size=64", "learning_rate=0.001", "activation=tanh",
                "--storage", url).exitCode()).isEqualTo(ExitCodes.OK);
        List<Map<String, Object>> evaluated = new ArrayList<>();
        try (JdbcStorage storage = JdbcStorage.open(url)) {
            Study study = Study.builder("mlp").storage(storage).direction(Direction.MAXIMIZE).searchSpace(SPACE)
                    .sampler(Samplers.genetic(GeneticSettings.builder().population(4).build()))
                    .seed(3)
                    .ifExists(IfExists.RESUME)
                    .build();
            study.optimize(trial -> {
                Map<String, Object> p = trial.suggestAll();
                synchronized (evaluated) {
                    evaluated.add(p);
                }
                return -Math.abs((Integer) p.get("epochs") - 17)
                        - Math.abs(Math.log10((Double) p.get("learning_rate")) + 3)
                        - (p.get("batch_size").equals(64) ? 0 : 1) - (p.get("activation").equals("tanh") ? 0 : 1);
            }, OptimizeOptions.trials(12));
        }

        assertThat(evaluated.get(0)).containsExactlyInAnyOrderEntriesOf(Map.of("epochs", 17, "batch_size", 64,
                "learning_rate", 0.001, "activation", "tanh"));
        List<FrozenTrial> trials = trials();
        assertThat(trials).hasSize(12).allMatch(t -> t.state() == TrialState.COMPLETE);
        FrozenTrial first = trials.get(0);
        assertThat(first.value()).isEqualTo(0.0);
        assertThat(first.systemAttrs()).containsEntry(GeneticSampler.ORIGIN_ATTR, GeneticSampler.ORIGIN_ENQUEUED);
        List<FrozenTrial> children = trials.stream()
                .filter(t -> GeneticSampler.ORIGIN_OFFSPRING.equals(t.systemAttrs().get(GeneticSampler.ORIGIN_ATTR)))
                .toList();
        assertThat(children).isNotEmpty();
        assertThat(children).anySatisfy(t -> assertThat((List<?>) t.systemAttrs().get(GeneticSampler.PARENTS_ATTR))
                .anySatisfy(parent -> assertThat(((Number) parent).intValue()).isZero()));
    }
}
