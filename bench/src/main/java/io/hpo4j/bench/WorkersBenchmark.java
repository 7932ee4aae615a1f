package io.hpo4j.bench;

import io.hpo4j.studies.storage.Credentials;
import io.hpo4j.studies.storage.H2Server;
import io.hpo4j.studies.storage.HeartbeatPolicy;
import io.hpo4j.studies.storage.JdbcStorage;
import io.hpo4j.tuner.Direction;
import io.hpo4j.tuner.IfExists;
import io.hpo4j.tuner.OptimizeOptions;
import io.hpo4j.tuner.Provenance;
import io.hpo4j.tuner.Study;
import io.hpo4j.studies.storage.Json;
import io.hpo4j.tuner.space.FloatDistribution;
import io.hpo4j.tuner.space.SearchSpace;
import io.hpo4j.tuner.storage.InMemoryStorage;
import io.hpo4j.tuner.storage.Storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What a storage costs per trial, and how trials per second grow with worker processes.
 *
 * <ol>
 *   <li>Overhead: a no-op objective (suggest one float, return its square) for {@code --trials}
 *       trials in one process and thread, on each storage (in memory, H2 file, H2 server,
 *       PostgreSQL), heartbeats on for the database ones, after a warm-up of 50 trials.</li>
 *   <li>Throughput: 1, 2 and 4 worker processes (real JVMs, as {@code hpo run} workers are) on one
 *       study, a cheap objective ({@code --objective-ms}, default 20 ms of sleep), on an H2 file
 *       (served by the first worker to the others), the H2 server and PostgreSQL; trials per second
 *       from the first trial of any worker to the last.</li>
 * </ol>
 * PostgreSQL comes from {@code --postgres URL} or {@code $HPO_TEST_POSTGRES_URL} (as {@code .ci/postgres start}
 * sets it), with the credentials of the environment; without one its rows are skipped, with a note.
 * The load average is printed before each part and at the end: the machine may be shared.
 */
final class WorkersBenchmark implements Benchmark {

    private static final String PASSWORD = "bench-secret";

    @Override
    public String name() {
        return "workers";
    }

    @Override
    public String description() {
        return "storage overhead per trial (memory, H2 file, H2 server, PostgreSQL) and throughput with 1/2/4 worker processes";
    }

    @Override
    public String usage() {
        return """
                options:
                  --trials N          trials of the overhead part (default 1000)
                  --worker-trials N   trials of the throughput part, shared by the workers (default 200)
                  --objective-ms N    the cheap objective's duration in the throughput part (default 20)
                  --postgres URL      a PostgreSQL database to use (default $HPO_TEST_POSTGRES_URL)
                  --out FILE          JSON file name in the results directory (default workers.json)
                """;
    }

    @Override
    public void run(List<String> args, Path resultsDir) throws Exception {
        int trials = 1000;
        int workerTrials = 200;
        int objectiveMs = 20;
        String postgres = System.getenv("HPO_TEST_POSTGRES_URL");
        String out = "workers.json";
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            String value = i + 1 < args.size() ? args.get(++i) : null;
            if (value == null) {
                throw new IllegalArgumentException("option " + option + " needs a value");
            }
            switch (option) {
                case "--trials" -> trials = OptionValues.positive(option, value);
                case "--worker-trials" -> workerTrials = OptionValues.positive(option, value);
                case "--objective-ms" -> objectiveMs = OptionValues.nonNegative(option, value);
                case "--postgres" -> postgres = value;
                case "--out" -> out = value;
                default -> throw new IllegalArgumentException("unknown option '" + option + "'\n" + usage());
            }
        }
        Credentials pgCredentials = postgres == null ? null : new Credentials(
                System.getenv().getOrDefault("HPO_TEST_POSTGRES_USER", System.getenv().getOrDefault("HPO_DB_USER", "hpo4j")),
                System.getenv().getOrDefault("HPO_TEST_POSTGRES_PASSWORD", System.getenv("HPO_DB_PASSWORD")));
        Path work = Files.createTempDirectory("hpo4j-bench-workers");
        List<Map<String, Object>> overhead = new ArrayList<>();
        List<Map<String, Object>> throughput = new ArrayList<>();
        String loadStart = TrainingBenchmark.loadAverage();
        System.out.printf(Locale.ROOT, "overhead per trial, no-op objective, %d trials (one process, one thread); load average %s%n",
                trials, loadStart);
        System.out.printf(Locale.ROOT, "%-22s %12s %12s%n", "storage", "ms/trial", "trials/s");

        overhead.add(overhead("memory", InMemoryStorage::new, trials));
        // Untimed: the first JDBC storage of a JVM pays for loading and compiling the JDBC paths.
        try (Storage warm = JdbcStorage.builder("jdbc:h2:file:" + work.resolve("warm-up")).build()) {
            study(warm, "warm-up").optimize(t -> noOp(t.suggestFloat("x")), 300);
        }
        overhead.add(overhead("H2 file, no heartbeat", () -> JdbcStorage.builder("jdbc:h2:file:" + work.resolve("file-plain"))
                .build(), trials));
        overhead.add(overhead("H2 file", () -> JdbcStorage.builder("jdbc:h2:file:" + work.resolve("file"))
                .heartbeat(HeartbeatPolicy.DEFAULT).build(), trials));
        try (H2Server server = H2Server.start(work, "server", 0, "127.0.0.1", PASSWORD)) {
            Credentials h2 = new Credentials(H2Server.USER, PASSWORD);
            overhead.add(overhead("H2 server", () -> JdbcStorage.builder(server.url()).credentials(h2)
                    .heartbeat(HeartbeatPolicy.DEFAULT).build(), trials));
            String pgUrl = postgres == null ? null : freshSchema(postgres, pgCredentials);
            if (pgUrl != null) {
                overhead.add(overhead("PostgreSQL", () -> JdbcStorage.builder(pgUrl).credentials(pgCredentials)
                        .heartbeat(HeartbeatPolicy.DEFAULT).build(), trials));
            } else {
                System.out.println("PostgreSQL   (skipped: no --postgres URL and no $HPO_TEST_POSTGRES_URL; eval \"$(.ci/postgres start)\" first)");
            }

            System.out.printf(Locale.ROOT, "%nthroughput, %d trials of a %d ms objective shared by N worker processes; load average %s%n",
                    workerTrials, objectiveMs, TrainingBenchmark.loadAverage());
            System.out.printf(Locale.ROOT, "%-12s %8s %12s %10s%n", "storage", "workers", "trials/s", "speed-up");
            Map<String, String> h2Env = Map.of(Credentials.USER_VARIABLE, H2Server.USER, Credentials.PASSWORD_VARIABLE, PASSWORD);
            int round = 0;
            for (String storage : pgUrl == null ? List.of("H2 file", "H2 server") : List.of("H2 file", "H2 server", "PostgreSQL")) {
                double single = 0;
                for (int workers : new int[]{1, 2, 4}) {
                    String study = "throughput-" + (round++);
                    String url = switch (storage) {
                        case "H2 file" -> "jdbc:h2:file:" + work.resolve("throughput-file"); // the workers share it (AUTO_SERVER)
                        case "H2 server" -> server.url();
                        default -> pgUrl;
                    };
                    Map<String, String> env = switch (storage) {
                        case "H2 file" -> Map.of();
                        case "H2 server" -> h2Env;
                        default -> Map.of(Credentials.USER_VARIABLE, pgCredentials.user(), Credentials.PASSWORD_VARIABLE,
                                pgCredentials.password() == null ? "" : pgCredentials.password());
                    };
                    double perSecond = throughput(work, url, env, study, workers, workerTrials, objectiveMs);
                    if (workers == 1) {
                        single = perSecond;
                    }
                    System.out.printf(Locale.ROOT, "%-12s %8d %12.1f %9.2fx%n", storage, workers, perSecond, perSecond / single);
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("storage", storage);
                    row.put("workers", workers);
                    row.put("trials", workerTrials);
                    row.put("objective_ms", objectiveMs);
                    row.put("trials_per_second", perSecond);
                    throughput.add(row);
                }
            }
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("benchmark", name());
        json.put("created", Instant.now().toString());
        json.put("load_average_start", loadStart);
        json.put("load_average_end", TrainingBenchmark.loadAverage());
        json.put("overhead", overhead);
        json.put("throughput", throughput);
        json.put("runtime", Provenance.runtime());
        Files.createDirectories(resultsDir);
        Path file = resultsDir.resolve(out);
        Files.writeString(file, Json.write(json) + "\n");
        System.out.println("\nload average at the end " + json.get("load_average_end") + "; wrote " + file);
    }

    private static Map<String, Object> overhead(String label, Supplier<Storage> storages, int trials) {
        try (Storage storage = storages.get()) {
            Study warm = study(storage, "warm-up");
            warm.optimize(t -> noOp(t.suggestFloat("x")), 50);
            Study study = study(storage, "overhead");
            long start = System.nanoTime();
            study.optimize(t -> noOp(t.suggestFloat("x")), trials);
            double ms = (System.nanoTime() - start) / 1e6 / trials;
            System.out.printf(Locale.ROOT, "%-22s %12.3f %12.0f%n", label, ms, 1000 / ms);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("storage", label);
            row.put("trials", trials);
            row.put("ms_per_trial", ms);
            return row;
        }
    }

    private static double noOp(double x) {
        return x * x;
    }

    static Study study(Storage storage, String name) {
        return Study.builder(name).storage(storage).direction(Direction.MINIMIZE).seed(1)
                .searchSpace(SearchSpace.of(Map.of("x", FloatDistribution.of(-1, 1)))).ifExists(IfExists.RESUME).build();
    }

    private static String freshSchema(String url, Credentials credentials) throws Exception {
        String schema = "bench_" + System.currentTimeMillis();
        try (Connection c = DriverManager.getConnection(url, credentials.user(), credentials.password());
             Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** Trials per second of {@code workers} processes sharing {@code trials} trials of one study. */
    private static double throughput(Path work, String url, Map<String, String> env, String study, int workers,
                                     int trials, int objectiveMs) throws Exception {
        List<Process> processes = new ArrayList<>();
        List<Path> outputs = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            Path output = work.resolve(study + "-" + w + ".out");
            outputs.add(output);
            int share = trials / workers + (w < trials % workers ? 1 : 0);
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), Worker.class.getName(),
                    url, study, String.valueOf(share), String.valueOf(objectiveMs))
                    .redirectOutput(output.toFile()).redirectError(work.resolve(study + "-" + w + ".err").toFile());
            pb.environment().putAll(env);
            processes.add(pb.start());
        }
        long first = Long.MAX_VALUE;
        long last = 0;
        for (int w = 0; w < workers; w++) {
            Process p = processes.get(w);
            if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException("worker " + w + " failed: " + Files.readString(work.resolve(study + "-" + w + ".err")));
            }
            String[] times = Files.readString(outputs.get(w)).strip().split(" ");
            first = Math.min(first, Long.parseLong(times[0]));
            last = Math.max(last, Long.parseLong(times[1]));
        }
        return trials / ((last - first) / 1000.0);
    }

    /** One worker process: runs its share of trials and prints the wall-clock millis of its first and last. */
    public static final class Worker {
        public static void main(String[] args) throws Exception {
            int trials = Integer.parseInt(args[2]);
            long objectiveMs = Long.parseLong(args[3]);
            try (JdbcStorage storage = JdbcStorage.builder(args[0]).heartbeat(HeartbeatPolicy.DEFAULT).build()) {
                Study study = study(storage, args[1]);
                long start = System.currentTimeMillis();
                study.optimize(t -> {
                    double x = t.suggestFloat("x");
                    Thread.sleep(objectiveMs);
                    return x * x;
                }, OptimizeOptions.trials(trials));
                System.out.println(start + " " + System.currentTimeMillis());
            }
        }
    }
}
