package io.hpo4j.studies.cli;

import io.hpo4j.studies.config.StudyFile;
import io.hpo4j.studies.config.StudyFileParser;
import io.hpo4j.studies.run.Components;
import io.hpo4j.studies.run.StudyQueue;
import io.hpo4j.studies.storage.JdbcStorage;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.Study;
import io.hpo4j.tuner.storage.Storage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code hpo enqueue}: add a WAITING trial with fixed parameters that the study's next run evaluates first. */
@Command(name = "enqueue", mixinStandardHelpOptions = true,
        description = {"Add a trial with fixed parameters to a study. The next 'hpo run' of the study evaluates it "
                + "before any sampled trial, and the genetic sampler then breeds from it (a warm start).",
                "Values are read as the declared type of each parameter; parameters left out are sampled. "
                        + "An unknown parameter or a value outside its range is rejected (exit code 2).",
                "Example: hpo enqueue mnist-demo optimizer=adam learning_rate=1e-3 batch_size=64 activation=relu"})
final class EnqueueCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "STUDY", description = "The study's name.")
    String study;
    @Parameters(index = "1..*", arity = "0..*", paramLabel = "NAME=VALUE", description = "A parameter and its value.")
    List<String> assignments = new ArrayList<>();
    @Option(names = "--params-json", paramLabel = "JSON",
            description = "The parameters as a JSON object instead, e.g. '{\"optimizer\": \"adam\", \"batch_size\": 64}'.")
    String json;
    @Option(names = "--file", paramLabel = "STUDY_FILE",
            description = "The study's file: creates the study (name, direction, search space) if it does not exist yet, "
                    + "so that its first run starts with this trial; its storage is used unless --storage is given.")
    Path file;
    @Mixin
    StorageOption storage;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (json != null && !assignments.isEmpty()) {
            throw new IllegalArgumentException("give the parameters either as NAME=VALUE or with --params-json, not both");
        }
        StudyFile studyFile = null;
        if (file != null) {
            studyFile = new StudyFileParser(Components::sampler, Components::pruner).parse(file);
            if (!studyFile.name().equals(study)) {
                throw new IllegalArgumentException("study file " + file + " describes study '" + studyFile.name()
                        + "', but the command names '" + study + "'");
            }
        }
        if (studyFile != null) {
            parameters(studyFile.searchSpace()); // checked before the study (or the storage) is created
        }
        // Without a study file the study must exist already, and so must its storage.
        try (Storage s = storage.builder(studyFile == null ? null : studyFile.storage()).mustExist(studyFile == null).build()) {
            Study loaded = studyFile == null ? StudyQueue.load(s, study) : StudyQueue.loadOrCreate(s, studyFile);
            Map<String, Object> params = parameters(loaded.searchSpace());
            FrozenTrial trial = loaded.enqueue(params);
            PrintWriter out = spec.commandLine().getOut();
            out.printf("enqueued trial %d of study %s (WAITING): %s%n", trial.number(), study, describe(params));
            List<String> sampled = new ArrayList<>(loaded.searchSpace().names());
            sampled.removeAll(params.keySet());
            if (!sampled.isEmpty()) {
                out.println("sampled when it runs: " + String.join(", ", sampled));
            }
            out.println("the next 'hpo run' of " + study + " evaluates it first");
            out.flush();
        }
        return ExitCodes.OK;
    }

    /** The parameters given, read as the types of {@code space}. */
    private Map<String, Object> parameters(io.hpo4j.tuner.space.SearchSpace space) {
        return json != null ? StudyQueue.parseJson(space, json) : StudyQueue.parseAssignments(space, assignments);
    }

    private static String describe(Map<String, Object> params) {
        StringBuilder sb = new StringBuilder();
        params.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : " ").append(k).append('=').append(Table.format(v)));
        return sb.toString();
    }
}
