package io.hpo4j.studies.storage;

import io.hpo4j.tuner.EpochMetrics;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.storage.StudyRecord;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A second process for the tests of {@link JdbcStorage}: it opens a storage URL and writes to a
 * study that exists, the way {@code hpo run} writes while another process reads or writes.
 *
 * <ul>
 *   <li>{@code trials <url> <study> <count>}: creates {@code count} trials, each with an epoch and
 *       an intermediate value, prints their numbers one per line, closes the storage.</li>
 *   <li>{@code crash <url> <study> <epochs>}: creates a trial, adds {@code epochs} epochs, prints
 *       {@code written} and halts the JVM at once, without closing anything or running shutdown
 *       hooks, as a process killed by the OS would end.</li>
 * </ul>
 */
public final class StorageWriterProcess {

    private StorageWriterProcess() {
    }

    public static void main(String[] args) {
        String mode = args[0];
        JdbcStorage storage = JdbcStorage.open(args[1]);
        StudyRecord study = storage.findStudy(args[2]).orElseThrow();
        int count = Integer.parseInt(args[3]);
        if (mode.equals("trials")) {
            for (int i = 0; i < count; i++) {
                FrozenTrial trial = storage.createTrial(study.id());
                storage.addEpoch(trial.id(), new EpochMetrics(1, 0.5, 0.5, 0.5, 0.5, 0.1));
                storage.setIntermediateValue(trial.id(), 1, 0.5);
                System.out.println(trial.number());
            }
            storage.close();
        } else if (mode.equals("crash")) {
            FrozenTrial trial = storage.createTrial(study.id());
            for (int epoch = 1; epoch <= count; epoch++) {
                storage.addEpoch(trial.id(), new EpochMetrics(epoch, 1.0 / epoch, 0.5, 1.0 / epoch, 0.5, 0.1));
            }
            System.out.println("written");
            System.out.flush();
            Runtime.getRuntime().halt(3);
        } else {
            throw new IllegalArgumentException("mode must be trials or crash, but got " + mode);
        }
    }

    /**
     * Starts this class in a new JVM with the test class path; its output goes to
     * {@code <workDir>/writer-<mode>.out} and {@code .err}.
     */
    static Process start(Path workDir, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(StorageWriterProcess.class.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(workDir.resolve("writer-" + args[0] + ".out").toFile())
                .redirectError(workDir.resolve("writer-" + args[0] + ".err").toFile())
                .start();
    }

    /**
     * Waits for a process started by {@link #start} and returns its standard output.
     *
     * @throws AssertionError with its error output if it does not end in time or ends with another exit code
     */
    static String await(Process process, Path workDir, String mode, int expectedExitCode) throws Exception {
        boolean ended = process.waitFor(120, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
        }
        String err = Files.readString(workDir.resolve("writer-" + mode + ".err"));
        if (!ended || process.exitValue() != expectedExitCode) {
            throw new AssertionError("writer process " + (ended ? "exited with " + process.exitValue()
                    : "did not end within 120 s") + ", expected exit code " + expectedExitCode + "; its errors:\n" + err);
        }
        return Files.readString(workDir.resolve("writer-" + mode + ".out"));
    }
}
