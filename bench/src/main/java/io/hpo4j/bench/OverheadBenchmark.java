package io.hpo4j.bench;

import io.hpo4j.studies.storage.JdbcStorage;
import io.hpo4j.tuner.Objective;
import io.hpo4j.tuner.Provenance;
import io.hpo4j.tuner.Study;
import io.hpo4j.studies.storage.Json;
import io.hpo4j.tuner.space.SearchSpace;
import io.hpo4j.tuner.storage.InMemoryStorage;
import io.hpo4j.tuner.storage.Storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code bench/run overhead}: what the framework costs per trial when the objective costs
 * nothing. The objective is the README's first example with a no-op body (a float, a log-scale
 * int and a categorical suggested, no reports), random sampler, one trial at a time. It runs in
 * chunks of 100 trials on one study, so the table shows whether the cost per trial stays flat as
 * the study grows. Scenarios: in memory define-by-run and with a declared space (1,000 and 5,000
 * trials), an H2 file (define-by-run, 1,000 trials), and, when Debian's {@code python3-optuna} is
 * installed, Optuna's random sampler in memory measured in the same run as the baseline.
 * Writes {@code overhead.json}.
 */
final class OverheadBenchmark implements Benchmark {

    private static final int CHUNK = 100;
    private static final String PYTHON = "/usr/bin/python3";

    private static final Objective DEFINE_BY_RUN = trial -> {
        double x = trial.suggestFloat("x", -10, 10);
        int n = trial.suggestInt("n", 1, 64, true);
        String shape = trial.suggestCategorical("shape", List.of("bowl", "ridge"));
        return (x - 2) * (x - 2) + Math.abs(Math.log(n) - 2) + (shape.equals("bowl") ? 0 : 1);
    };

    private static final Objective DECLARED = trial -> {
        double x = trial.suggestFloat("x");
        int n = trial.suggestInt("n");
        Object shape = trial.suggest("shape");
        return (x - 2) * (x - 2) + Math.abs(Math.log(n) - 2) + ("bowl".equals(shape) ? 0 : 1);
    };

    private static final SearchSpace SPACE = SearchSpace.builder()
            .addFloat("x", -10, 10)
            .addLogInt("n", 1, 64)
            .addCategorical("shape", "bowl", "ridge")
            .build();

    @Override
    public String name() {
        return "overhead";
    }

    @Override
    public String description() {
        return "framework cost per trial with a no-op objective: in memory, H2 file, and Optuna as the baseline";
    }

    @Override
    public String usage() {
        return """
                options:
                  --trials N,M,...    study sizes in memory (default 1000,5000; multiples of 100)
                  --h2-trials N       trials on an H2 file, 0 to skip (default 1000)
                  --no-optuna         skip the Optuna baseline
                  --out FILE          JSON file name in the results directory (default overhead.json)
                """;
    }

    @Override
    public void run(List<String> args, Path resultsDir) throws Exception {
        List<Integer> sizes = List.of(1000, 5000);
        int h2Trials = 1000;
        boolean optuna = true;
        String out = "overhead.json";
        for (int i = 0; i < args.size(); i++) {
            String option = args.get(i);
            if (option.equals("--no-optuna")) {
                optuna = false;
                continue;
            }
            String value = i + 1 < args.size() ? args.get(++i) : null;
            if (value == null) {
                throw new IllegalArgumentException("option " + option + " needs a value");
            }
            switch (option) {
                case "--trials" -> sizes = sizes(option, value);
                case "--h2-trials" -> h2Trials = value.equals("0") ? 0 : chunked(option, OptionValues.positive(option, value));
                case "--out" -> out = value;
                default -> throw new IllegalArgumentException("unknown option " + option + "; see bench/run overhead --help");
            }
        }

        // JIT warm-up: the first thousands of trials of a JVM measure the compiler, not the framework.
        measure("warm-up", 2000, InMemoryStorage::new, null, DEFINE_BY_RUN);
        measure("warm-up-declared", 1000, InMemoryStorage::new, SPACE, DECLARED);

        List<Row> rows = new ArrayList<>();
        for (int n : sizes) {
            rows.add(measure("hpo4j in memory, define-by-run", n, InMemoryStorage::new, null, DEFINE_BY_RUN));
            rows.add(measure("hpo4j in memory, declared space", n, InMemoryStorage::new, SPACE, DECLARED));
        }
        if (h2Trials > 0) {
            Path dir = Files.createTempDirectory("hpo4j-overhead");
            String url = "jdbc:h2:file:" + dir.resolve("overhead").toAbsolutePath();
            rows.add(measure("hpo4j H2 file, define-by-run", h2Trials, () -> JdbcStorage.open(url), null, DEFINE_BY_RUN));
        }
        String optunaNote = null;
        if (optuna) {
            for (int n : sizes) {
                Object result = optuna(n);
                if (result instanceof Row row) {
                    rows.add(row);
                } else {
                    optunaNote = (String) result;
                    break;
                }
            }
        }

        System.out.println(table(rows));
        if (optunaNote != null) {
            System.out.println("Optuna baseline skipped: " + optunaNote);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("benchmark", name());
        json.put("date", Instant.now().toString());
        json.put("runtime", Provenance.runtime());
        json.put("chunk", CHUNK);
        List<Object> results = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("scenario", r.scenario());
            m.put("trials", r.trials());
            m.put("ms_per_trial", r.mean());
            m.put("ms_per_trial_first_chunk", r.first());
            m.put("ms_per_trial_last_chunk", r.last());
            m.put("chunk_ms", r.chunkMs());
            results.add(m);
        }
        json.put("results", results);
        if (optunaNote != null) {
            json.put("optuna_skipped", optunaNote);
        }
        Files.createDirectories(resultsDir);
        Path file = resultsDir.resolve(out);
        Files.writeString(file, Json.write(json) + "\n");
        System.out.println("wrote " + file);
    }

    /** Runs {@code trials} trials in chunks of 100 on one new study and times each chunk. */
    private static Row measure(String scenario, int trials, Supplier<Storage> storages, SearchSpace space,
                               Objective objective) {
        try (Storage storage = storages.get()) {
            Study.Builder builder = Study.builder("overhead").storage(storage).seed(42);
            if (space != null) {
                builder.searchSpace(space);
            }
            Study study = builder.build();
            List<Double> chunkMs = new ArrayList<>();
            for (int done = 0; done < trials; done += CHUNK) {
                long start = System.nanoTime();
                study.optimize(objective, CHUNK);
                chunkMs.add((System.nanoTime() - start) / 1e6);
            }
            return new Row(scenario, trials, chunkMs);
        }
    }

    /** Optuna's run of the same objective, or why it could not run. */
    private static Object optuna(int trials) throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            return PYTHON + " not found; install Debian's python3-optuna (apt-get install -y python3-optuna)";
        }
        Path script = Files.createTempFile("optuna-overhead", ".py");
        try (var in = OverheadBenchmark.class.getResourceAsStream("/optuna/overhead.py")) {
            if (in == null) {
                return "optuna/overhead.py is missing from the bench module's resources";
            }
            Files.write(script, in.readAllBytes());
        }
        Process process = new ProcessBuilder(PYTHON, script.toString(), String.valueOf(trials))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            String last = output.lines().reduce((a, b) -> b).orElse("(no output)");
            return "Optuna run failed (install Debian's python3-optuna): " + last;
        }
        Files.deleteIfExists(script);
        Map<String, Object> result = Json.parseObject(output.lines().reduce((a, b) -> b).orElseThrow());
        List<Double> chunks = ((List<?>) result.get("chunk_ms")).stream().map(v -> ((Number) v).doubleValue()).toList();
        return new Row("optuna " + result.get("optuna_version") + " random in memory", trials, chunks);
    }

    private static String table(List<Row> rows) {
        int width = rows.stream().mapToInt(r -> r.scenario().length()).max().orElse(10);
        String header = "%-" + width + "s  %7s  %12s  %14s  %14s%n";
        String line = "%-" + width + "s  %7d  %12.3f  %14.3f  %14.3f%n";
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, header, "scenario", "trials", "ms/trial",
                "first 100", "last 100"));
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, line, r.scenario(), r.trials(), r.mean(), r.first(), r.last()));
        }
        return sb.toString();
    }

    private static List<Integer> sizes(String option, String value) {
        List<Integer> sizes = new ArrayList<>();
        for (String part : value.split(",")) {
            sizes.add(chunked(option, OptionValues.positive(option, part.trim())));
        }
        return sizes;
    }

    private static int chunked(String option, int n) {
        if (n % CHUNK != 0) {
            throw new IllegalArgumentException(option + " must be a multiple of " + CHUNK + ", but got " + n);
        }
        return n;
    }

    /** Milliseconds of each chunk of 100 trials of one scenario. */
    private record Row(String scenario, int trials, List<Double> chunkMs) {
        double mean() {
            return chunkMs.stream().mapToDouble(Double::doubleValue).sum() / trials;
        }

        double first() {
            return chunkMs.get(0) / CHUNK;
        }

        double last() {
            return chunkMs.get(chunkMs.size() - 1) / CHUNK;
        }
    }
}
