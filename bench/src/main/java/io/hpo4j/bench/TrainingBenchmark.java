package io.hpo4j.bench;

import io.hpo4j.studies.storage.Json;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench/run training}: seconds per epoch of hpo4j's trainer against a PyTorch twin doing the
 * same work (the {@code torch_mlp.py} resource, run with Debian's {@code python3-torch}), measured
 * in the same run, interleaved round by round, each measurement in a fresh process.
 *
 * <p>An epoch is what a trial pays for: fit on the training rows, then loss and accuracy on at
 * most 10,000 training rows and on the validation rows. Single-trial cases compare the median
 * wall (and CPU) seconds of epochs after the first (the first pays for JIT and allocator warm-up on
 * both sides); the two-at-once case and the thread layouts compare trial-epochs per second from the
 * first start to the last end. Also records resident memory over many short trials in one JVM.
 */
final class TrainingBenchmark implements Benchmark {

    static final Path FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");
    static final String PYTHON = "/usr/bin/python3";

    /** One single-trial case: data, network and batch. */
    record Case(String name, String description, boolean fashion, int train, int validation, int hidden, int layers,
                double dropout, int batch, int epochs) {
    }

    static final List<Case> CASES = List.of(
            new Case("fashion", "Fashion-MNIST 50k/10k, 784-256-10, batch 128, Adam", true, 50_000, 10_000, 256, 1, 0, 128, 3),
            new Case("demo", "mnist-10k 8k/2k (the demo), 784-256-10, batch 128", false, 8_000, 2_000, 256, 1, 0, 128, 4),
            new Case("deep", "Fashion 50k/10k, 784-512x3-10, dropout 0.3, batch 32", true, 50_000, 10_000, 512, 3, 0.3, 32, 2));

    @Override
    public String name() {
        return "training";
    }

    @Override
    public String description() {
        return "hpo4j's trainer vs a PyTorch twin, seconds per epoch and trials at once (about 15 min)";
    }

    @Override
    public String usage() {
        return """
                  --rounds N        interleaved rounds (default 3)
                  --cases LIST      comma-separated subset of fashion,demo,deep,two,layouts (default all)
                  --data DIR        Fashion-MNIST IDX directory (default /usr/share/datasets/fashion-mnist)
                  --rss-trials N    short trials in one JVM for the memory check (default 100; 0 skips it)
                  --no-torch        hpo4j only (no ratios)
                  --variant NAME=OPTIONS
                                    also run hpo4j with these extra JVM options (space-separated;
                                    --classpath=CP among them replaces the class path, e.g. to time
                                    an older build), interleaved with the others; repeatable
                  --variant-cases LIST
                                    the cases the variants run on (default: all of --cases)
                  --out FILE        JSON file in the results directory (default training.json)
                Each hpo4j measurement runs in a child JVM with this JVM's options and classpath and
                OMP_NUM_THREADS / SD_MAX_THREADS / SD_MASTER_THREADS set for its layout.""";
    }

    @Override
    public void run(List<String> args, Path resultsDir) throws Exception {
        int rounds = 3;
        int rssTrials = 100;
        boolean torch = true;
        Path data = FASHION_MNIST;
        List<String> cases = List.of("fashion", "demo", "deep", "two", "layouts");
        String out = "training.json";
        List<String> variantCases = null;
        Map<String, List<String>> variants = new LinkedHashMap<>();
        variants.put("hpo4j", List.of());
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--rounds" -> rounds = OptionValues.positive(a, value(args, ++i, a));
                case "--rss-trials" -> rssTrials = OptionValues.nonNegative(a, value(args, ++i, a));
                case "--cases" -> cases = Arrays.asList(value(args, ++i, a).split(","));
                case "--data" -> data = Path.of(value(args, ++i, a));
                case "--no-torch" -> torch = false;
                case "--variant-cases" -> variantCases = Arrays.asList(value(args, ++i, a).split(","));
                case "--out" -> out = value(args, ++i, a);
                case "--variant" -> {
                    String v = value(args, ++i, a);
                    int eq = v.indexOf('=');
                    if (eq < 1 || v.substring(0, eq).equals("hpo4j") || v.substring(0, eq).equals("torch")) {
                        throw new IllegalArgumentException("--variant must be NAME=OPTIONS with a new name, but got '" + v + "'");
                    }
                    variants.put(v.substring(0, eq), List.of(v.substring(eq + 1).trim().split("\\s+")));
                }
                default -> throw new IllegalArgumentException("unknown option '" + a + "'\n" + usage());
            }
        }
        for (String c : cases) {
            if (!List.of("fashion", "demo", "deep", "two", "layouts").contains(c)) {
                throw new IllegalArgumentException("--cases: unknown case '" + c + "'; expected fashion, demo, deep, two, layouts");
            }
        }
        if (!Files.isRegularFile(data.resolve("train-images-idx3-ubyte.gz"))) {
            throw new IllegalArgumentException("--data: no train-images-idx3-ubyte.gz in " + data
                    + " (install Debian's dataset-fashion-mnist)");
        }
        Path work = Files.createTempDirectory("hpo4j-training-bench");
        Path twin = extract("/io/hpo4j/bench/torch_mlp.py", work);
        Path mnistDir = Files.createDirectories(work.resolve("mnist-10k"));
        extract("/io/hpo4j/trainers/data/mnist-10k/images-idx3-ubyte.gz", mnistDir);
        extract("/io/hpo4j/trainers/data/mnist-10k/labels-idx1-ubyte.gz", mnistDir);
        Runner runner = new Runner(data, mnistDir, twin, work.resolve("children.log"));

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("benchmark", name());
        json.put("started", Instant.now().toString());
        json.put("cpu", cpuModel());
        json.put("jvm_options", ManagementFactory.getRuntimeMXBean().getInputArguments());
        json.put("load_average_start", loadAverage());
        Map<String, List<Map<String, Object>>> raw = new LinkedHashMap<>();
        for (int r = 0; r < rounds; r++) {
            boolean torchFirst = r % 2 == 1; // alternate who goes first, so a drift in load hits both
            for (Case c : CASES) {
                if (!cases.contains(c.name())) {
                    continue;
                }
                if (torch && torchFirst) {
                    record(raw, c.name() + "/torch", runner.torch(c, 1, 1));
                }
                for (Map.Entry<String, List<String>> v : rotated(variants, r)) {
                    if (v.getKey().equals("hpo4j") || variantCases == null || variantCases.contains(c.name())) {
                        record(raw, c.name() + "/" + v.getKey(), runner.hpo4j(c, 1, 1, v.getValue()));
                    }
                }
                if (torch && !torchFirst) {
                    record(raw, c.name() + "/torch", runner.torch(c, 1, 1));
                }
            }
            Case fashion = CASES.get(0);
            if (cases.contains("two")) {
                if (torch && torchFirst) {
                    record(raw, "two/torch", runner.torch(fashion, 2, 1));
                }
                for (Map.Entry<String, List<String>> v : rotated(variants, r)) {
                    if (v.getKey().equals("hpo4j") || variantCases == null || variantCases.contains("two")) {
                        record(raw, "two/" + v.getKey(), runner.hpo4j(fashion, 2, 1, v.getValue()));
                    }
                }
                if (torch && !torchFirst) {
                    record(raw, "two/torch", runner.torch(fashion, 2, 1));
                }
            }
            if (cases.contains("layouts")) {
                record(raw, "layout-1x1/hpo4j", runner.hpo4j(fashion, 1, 1, List.of()));
                record(raw, "layout-1x2/hpo4j", runner.hpo4j(fashion, 1, 2, List.of()));
                record(raw, "layout-2jvm/hpo4j", runner.hpo4jProcesses(fashion, 2));
                if (!cases.contains("two")) {
                    record(raw, "two/hpo4j", runner.hpo4j(fashion, 2, 1, List.of()));
                }
            }
            System.err.printf(Locale.ROOT, "round %d of %d done, load average %s%n", r + 1, rounds, loadAverage());
            // the JSON and table after every round, so a long run that is stopped still leaves its figures
            report(json, raw, variants, Map.of(), 0, r + 1, resultsDir.resolve(out), r + 1 == rounds && rssTrials == 0);
        }
        if (rssTrials > 0) {
            report(json, raw, variants, runner.rss(rssTrials), rssTrials, rounds, resultsDir.resolve(out), true);
        }
    }

    private static void report(Map<String, Object> json, Map<String, List<Map<String, Object>>> raw, Map<String, List<String>> variants,
                               Map<String, Object> rss, int rssTrials, int roundsDone, Path file, boolean print) throws IOException {
        json.put("load_average_end", loadAverage());
        json.put("rounds_done", roundsDone);

        StringBuilder table = new StringBuilder();
        Map<String, Object> summary = new LinkedHashMap<>();
        table.append(String.format(Locale.ROOT, "%-44s %10s %10s %10s %10s %7s %7s%n", "case (median s per epoch, epochs 2..)",
                "torch wall", "torch cpu", "hpo4j wall", "hpo4j cpu", "wall x", "cpu x"));
        for (Case c : CASES) {
            if (!raw.containsKey(c.name() + "/hpo4j")) {
                continue;
            }
            double[] t = raw.containsKey(c.name() + "/torch") ? epochMedians(raw.get(c.name() + "/torch")) : new double[] {Double.NaN, Double.NaN};
            for (String v : variants.keySet()) {
                if (!raw.containsKey(c.name() + "/" + v)) {
                    continue;
                }
                double[] h = epochMedians(raw.get(c.name() + "/" + v));
                double ratio = h[0] / t[0];
                String label = v.equals("hpo4j") ? c.description() : "  variant " + v;
                table.append(String.format(Locale.ROOT, "%-44s %10.3f %10.3f %10.3f %10.3f %6.2fx %6.2fx%n", label, t[0], t[1], h[0], h[1],
                        ratio, h[1] / t[1]));
                summary.put(c.name() + (v.equals("hpo4j") ? "" : "/" + v), Map.of("torch_wall", t[0], "torch_cpu", t[1],
                        "hpo4j_wall", h[0], "hpo4j_cpu", h[1], "ratio", ratio, "cpu_ratio", h[1] / t[1]));
            }
        }
        table.append(String.format(Locale.ROOT, "%n%-44s %10s %10s %7s%n", "trial-epochs per second (median of rounds)", "torch", "hpo4j", "ratio"));
        List<String> rows = new ArrayList<>();
        variants.keySet().forEach(v -> rows.add("two/" + v));
        rows.addAll(List.of("layout-1x1/hpo4j", "layout-1x2/hpo4j", "layout-2jvm/hpo4j"));
        for (String row : rows) {
            if (!raw.containsKey(row)) {
                continue;
            }
            String key = row.substring(0, row.indexOf('/'));
            String variant = row.substring(row.indexOf('/') + 1);
            double h = throughputMedian(raw.get(row));
            boolean twoTrials = key.equals("two") || key.equals("layout-2jvm");
            double t = twoTrials && raw.containsKey("two/torch") ? throughputMedian(raw.get("two/torch")) : Double.NaN;
            String label = switch (key) {
                case "two" -> variant.equals("hpo4j") ? "2 trials at once x 1 thread (fashion)" : "  variant " + variant;
                case "layout-1x1" -> "1 trial x 1 thread (fashion)";
                case "layout-2jvm" -> "2 trials in 2 JVMs x 1 thread (fashion)";
                default -> "1 trial x 2 threads (fashion)";
            };
            table.append(String.format(Locale.ROOT, "%-44s %10.3f %10.3f %6.2fx%n", label, t, h, h / t));
            summary.put(row.equals("two/hpo4j") ? "two" : row, Map.of("torch_trial_epochs_per_s", t, "hpo4j_trial_epochs_per_s", h, "ratio", h / t));
        }
        if (!rss.isEmpty()) {
            table.append(String.format(Locale.ROOT, "%nRSS over %d short trials in one JVM: %s%n", rssTrials, rss.get("summary")));
        }
        table.append(String.format(Locale.ROOT, "load average: start %s, end %s%n", json.get("load_average_start"), json.get("load_average_end")));
        if (print) {
            System.out.print(table);
        }
        json.put("summary", summary);
        json.put("rss", rss);
        json.put("runs", raw);
        Files.createDirectories(file.getParent());
        Files.writeString(file, Json.write(json) + "\n");
        if (print) {
            System.out.println("wrote " + file);
        }
    }

    /** The variants in an order that starts one later each round, so none always runs first. */
    static List<Map.Entry<String, List<String>>> rotated(Map<String, List<String>> variants, int round) {
        List<Map.Entry<String, List<String>>> list = new ArrayList<>(variants.entrySet());
        java.util.Collections.rotate(list, -(round % list.size()));
        return list;
    }

    private static void record(Map<String, List<Map<String, Object>>> raw, String key, Map<String, Object> run) {
        raw.computeIfAbsent(key, k -> new ArrayList<>()).add(run);
        System.err.printf(Locale.ROOT, "  %-20s %s%n", key, run.get("brief"));
    }

    /** Median wall and CPU seconds of the epochs after the first, over all rounds. */
    @SuppressWarnings("unchecked")
    static double[] epochMedians(List<Map<String, Object>> runs) {
        List<Double> wall = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        for (Map<String, Object> run : runs) {
            for (Map<String, Object> e : (List<Map<String, Object>>) run.get("epochs")) {
                if (((Number) e.get("epoch")).intValue() > 1) {
                    wall.add(((Number) e.get("wall")).doubleValue());
                    if (e.get("cpu") instanceof Number n) {
                        cpu.add(n.doubleValue());
                    }
                }
            }
        }
        return new double[] {median(wall), median(cpu)};
    }

    static double throughputMedian(List<Map<String, Object>> runs) {
        List<Double> values = new ArrayList<>();
        for (Map<String, Object> run : runs) {
            values.add(((Number) run.get("trial_epochs_per_s")).doubleValue());
        }
        return median(values);
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] a = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }

    /** Starts the measured processes: hpo4j in child JVMs, the twin in Debian's python3. */
    private record Runner(Path fashion, Path mnistDir, Path twin, Path log) {

        Map<String, Object> hpo4j(Case c, int jobs, int threads, List<String> extraOptions) throws IOException, InterruptedException {
            return merge(List.of(start(workerCommand(c, jobs, extraOptions), threads)), "hpo4j " + c.name() + " " + jobs + "x" + threads);
        }

        private List<String> workerCommand(Case c, int jobs, List<String> extraOptions) {
            List<String> cmd = javaCommand(extraOptions);
            cmd.addAll(List.of("--data", c.fashion() ? fashion.toString() : "mnist-10k", "--train", "" + c.train(),
                    "--validation", "" + c.validation(), "--hidden", "" + c.hidden(), "--layers", "" + c.layers(),
                    "--dropout", "" + c.dropout(), "--batch", "" + c.batch(), "--epochs", "" + c.epochs(), "--jobs", "" + jobs));
            return cmd;
        }

        /** {@code processes} JVMs at once, one trial of {@code c} each, with one thread: what two {@code hpo run} workers do. */
        Map<String, Object> hpo4jProcesses(Case c, int processes) throws IOException, InterruptedException {
            List<Process> started = new ArrayList<>();
            for (int p = 0; p < processes; p++) {
                started.add(start(workerCommand(c, 1, List.of()), 1));
            }
            return merge(started, "hpo4j " + c.name() + " " + processes + " JVMs x 1");
        }

        Map<String, Object> torch(Case c, int processes, int threads) throws IOException, InterruptedException {
            Path dir = c.fashion() ? fashion : mnistDir;
            String images = dir.resolve(c.fashion() ? "train-images-idx3-ubyte.gz" : "images-idx3-ubyte.gz").toString();
            String labels = dir.resolve(c.fashion() ? "train-labels-idx1-ubyte.gz" : "labels-idx1-ubyte.gz").toString();
            List<Process> started = new ArrayList<>();
            for (int p = 0; p < processes; p++) {
                started.add(start(List.of(PYTHON, twin.toString(), "--images", images, "--labels", labels,
                        "--train", "" + c.train(), "--validation", "" + c.validation(), "--hidden", "" + c.hidden(),
                        "--layers", "" + c.layers(), "--dropout", "" + c.dropout(), "--batch", "" + c.batch(),
                        "--epochs", "" + c.epochs(), "--threads", "" + threads, "--seed", "" + (p + 1)), threads));
            }
            return merge(started, "torch " + c.name() + " " + processes + "x" + threads);
        }

        Map<String, Object> rss(int trials) throws IOException, InterruptedException {
            List<String> cmd = javaCommand(List.of());
            cmd.addAll(List.of("--data", "mnist-10k", "--train", "2000", "--validation", "500", "--hidden", "64",
                    "--batch", "128", "--epochs", "1", "--rss-trials", "" + trials));
            Process p = start(cmd, 1);
            List<Map<String, Object>> lines = readLines(p, "hpo4j rss");
            List<Double> rss = new ArrayList<>();
            for (Map<String, Object> line : lines) {
                rss.add(((Number) line.get("rss_mb")).doubleValue());
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("trials", lines);
            if (rss.size() >= 20) {
                double at10 = rss.get(9);
                double last = rss.get(rss.size() - 1);
                double max = rss.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
                result.put("summary", String.format(Locale.ROOT, "after trial 1 %.0f MiB, 10 %.0f MiB, 50 %.0f MiB, %d %.0f MiB (max %.0f; %+.0f MiB from 10 to %d)",
                        rss.get(0), at10, rss.get(rss.size() / 2 - 1), rss.size(), last, max, last - at10, rss.size()));
            }
            return result;
        }

        private static List<String> javaCommand(List<String> extraOptions) {
            List<String> cmd = new ArrayList<>();
            cmd.add(ProcessHandle.current().info().command().orElse("java"));
            cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
            String classpath = System.getProperty("java.class.path");
            for (String option : extraOptions) {
                if (option.startsWith("--classpath=")) {
                    classpath = option.substring("--classpath=".length());
                } else if (!option.isEmpty()) {
                    cmd.add(option);
                }
            }
            cmd.addAll(List.of("-cp", classpath, TrainingWorker.class.getName()));
            return cmd;
        }

        private Process start(List<String> cmd, int threads) throws IOException {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
            String t = Integer.toString(threads);
            pb.environment().put("OMP_NUM_THREADS", t);
            pb.environment().put("SD_MAX_THREADS", t);
            pb.environment().put("SD_MASTER_THREADS", t);
            return pb.start();
        }

        /** Waits for the processes and merges their epochs; throughput from the first start to the last end. */
        @SuppressWarnings("unchecked")
        private Map<String, Object> merge(List<Process> processes, String what) throws IOException, InterruptedException {
            String loadBefore = loadAverage();
            List<Map<String, Object>> epochs = new ArrayList<>();
            List<Map<String, Object>> ends = new ArrayList<>();
            for (Process p : processes) {
                for (Map<String, Object> line : readLines(p, what)) {
                    (Boolean.TRUE.equals(line.get("run")) ? ends : epochs).add(line);
                }
            }
            if (ends.size() != processes.size()) {
                throw new IllegalStateException(what + ": a process ended without its summary line");
            }
            double start = ends.stream().mapToDouble(e -> ((Number) e.get("start")).doubleValue()).min().orElseThrow();
            double end = ends.stream().mapToDouble(e -> ((Number) e.get("end")).doubleValue()).max().orElseThrow();
            double cpu = ends.stream().mapToDouble(e -> ((Number) e.get("cpu")).doubleValue()).sum();
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("what", what);
            run.put("epochs", epochs);
            run.put("wall", end - start);
            run.put("cpu", cpu);
            run.put("trial_epochs_per_s", epochs.size() / (end - start));
            run.put("load_average_before", loadBefore);
            run.put("load_average_after", loadAverage());
            run.put("processes", ends);
            List<String> walls = new ArrayList<>();
            for (Map<String, Object> e : epochs) {
                walls.add(String.format(Locale.ROOT, "%.3f", ((Number) e.get("wall")).doubleValue()));
            }
            Object lastAcc = epochs.isEmpty() ? null : epochs.get(epochs.size() - 1).get("validation_accuracy");
            run.put("brief", String.format(Locale.ROOT, "epochs %s s, %.2f trial-epochs/s, cpu %.1f s, last val acc %s, load %s",
                    walls, epochs.size() / (end - start), cpu, lastAcc, loadAverage()));
            return run;
        }

        private List<Map<String, Object>> readLines(Process p, String what) throws IOException, InterruptedException {
            List<Map<String, Object>> lines = new ArrayList<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith("{")) {
                        lines.add(Json.parseObject(line));
                    }
                }
            }
            if (!p.waitFor(1, TimeUnit.HOURS) || p.exitValue() != 0) {
                throw new IllegalStateException(what + ": process exited with " + (p.isAlive() ? "a time-out" : p.exitValue())
                        + "; its standard error is in " + log);
            }
            return lines;
        }
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }

    /** Copies the classpath resource into {@code dir}; returns the copy. */
    static Path extract(String resource, Path dir) throws IOException {
        Path target = dir.resolve(resource.substring(resource.lastIndexOf('/') + 1));
        try (InputStream in = TrainingBenchmark.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("resource " + resource + " is missing from the classpath");
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        try {
            String flags = "";
            String model = "unknown";
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name") && model.equals("unknown")) {
                    model = line.substring(line.indexOf(':') + 1).trim();
                }
                if (line.startsWith("flags") && flags.isEmpty()) {
                    List<String> f = Arrays.asList(line.substring(line.indexOf(':') + 1).trim().split("\\s+"));
                    flags = (f.contains("avx512f") ? "avx512f " : "") + (f.contains("avx2") ? "avx2" : "no avx2");
                }
            }
            return model + " (" + Runtime.getRuntime().availableProcessors() + " cpus, " + flags + ")";
        } catch (IOException e) {
            return "unknown";
        }
    }
}
