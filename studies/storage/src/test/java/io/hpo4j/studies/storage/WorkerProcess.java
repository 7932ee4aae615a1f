package io.hpo4j.studies.storage;

import io.hpo4j.tuner.Direction;
import io.hpo4j.tuner.IfExists;
import io.hpo4j.tuner.EpochMetrics;
import io.hpo4j.tuner.OptimizeOptions;
import io.hpo4j.tuner.Study;
import io.hpo4j.tuner.space.FloatDistribution;
import io.hpo4j.tuner.space.SearchSpace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A worker in a JVM of its own, as {@code hpo run} is one: it opens a storage URL with heartbeats
 * and runs {@code trials} trials of a study through {@link Study#optimize}, each suggesting
 * {@code x} and reporting {@code epochs} epochs {@code epochMillis} apart. Credentials come from
 * the environment ({@code HPO_DB_USER}, {@code HPO_DB_PASSWORD}), as for a real worker.
 *
 * <p>Arguments: {@code url study trials epochs epochMillis beatMillis graceMillis retryFailed
 * retryWindowMillis}. Prints {@code trial N epoch E} after each epoch is stored, then {@code done}.
 */
public final class WorkerProcess {

    private WorkerProcess() {
    }

    public static void main(String[] args) {
        String url = args[0];
        String studyName = args[1];
        int trials = Integer.parseInt(args[2]);
        int epochs = Integer.parseInt(args[3]);
        long epochMillis = Long.parseLong(args[4]);
        HeartbeatPolicy heartbeat = new HeartbeatPolicy(Duration.ofMillis(Long.parseLong(args[5])),
                Duration.ofMillis(Long.parseLong(args[6])), Integer.parseInt(args[7]));
        RetryPolicy retry = RetryPolicy.within(Duration.ofMillis(Long.parseLong(args[8])));
        try (JdbcStorage storage = JdbcStorage.builder(url).heartbeat(heartbeat).retry(retry).build()) {
            Study study = Study.builder(studyName).storage(storage).direction(Direction.MINIMIZE)
                    .searchSpace(space()).ifExists(IfExists.RESUME).build();   // every worker joins the one study
            study.optimize(trial -> {
                double x = trial.suggestFloat("x");
                for (int epoch = 1; epoch <= epochs; epoch++) {
                    if (epochMillis > 0) {
                        Thread.sleep(epochMillis);
                    }
                    trial.reportEpoch(new EpochMetrics(epoch, x / epoch, 0.5, x / epoch, 0.5, epochMillis / 1000.0));
                    System.out.println("trial " + trial.number() + " epoch " + epoch);
                    System.out.flush();
                }
                return x * x;
            }, OptimizeOptions.trials(trials));
        }
        System.out.println("done");
    }

    /** The study's declared space: one float. */
    public static SearchSpace space() {
        return SearchSpace.of(Map.of("x", FloatDistribution.of(-1, 1)));
    }

    /** Starts a worker with the test class path and {@code env} added to the environment. */
    public static Process start(Path workDir, String name, Map<String, String> env, Object... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), WorkerProcess.class.getName()));
        for (Object a : args) {
            command.add(String.valueOf(a));
        }
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(workDir.resolve(name + ".out").toFile())
                .redirectError(workDir.resolve(name + ".err").toFile());
        pb.environment().putAll(env);
        return pb.start();
    }

    /** Waits (at most {@code seconds}) for a worker to exit 0; otherwise fails with its error output. */
    public static void awaitSuccess(Process p, Path workDir, String name, int seconds) throws Exception {
        boolean ended = p.waitFor(seconds, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        if (!ended || p.exitValue() != 0) {
            throw new AssertionError("worker " + name + (ended ? " exited with " + p.exitValue() : " did not end within " + seconds + " s")
                    + "; its errors:\n" + Files.readString(workDir.resolve(name + ".err")));
        }
    }

    /** Polls the worker's output (at most {@code seconds}) until a line equal to {@code line} appears. */
    public static void awaitLine(Path workDir, String name, String line, int seconds) throws Exception {
        awaitOutput(workDir, name, lines -> lines.contains(line), "'" + line + "'", seconds);
    }

    /** Polls the worker's output (at most {@code seconds}) until it has printed {@code count} lines. */
    public static void awaitLines(Path workDir, String name, int count, int seconds) throws Exception {
        awaitOutput(workDir, name, lines -> lines.size() >= count, count + " lines", seconds);
    }

    private static void awaitOutput(Path workDir, String name, java.util.function.Predicate<List<String>> done, String what,
                                    int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        Path out = workDir.resolve(name + ".out");
        while (System.nanoTime() < deadline) {
            if (Files.exists(out) && done.test(Files.readAllLines(out))) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("worker " + name + " did not print " + what + " within " + seconds + " s; errors:\n"
                + Files.readString(workDir.resolve(name + ".err")));
    }
}
