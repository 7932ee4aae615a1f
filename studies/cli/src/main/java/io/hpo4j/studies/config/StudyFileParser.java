package io.hpo4j.studies.config;

import io.hpo4j.studies.storage.HeartbeatPolicy;
import io.hpo4j.trainers.EarlyStopping;
import io.hpo4j.trainers.data.CsvFormat;
import io.hpo4j.trainers.data.DataSource;
import io.hpo4j.trainers.data.DataSpec;
import io.hpo4j.trainers.data.FeatureScaling;
import io.hpo4j.trainers.data.IdxLoader;
import io.hpo4j.trainers.data.IdxPart;
import io.hpo4j.trainers.data.Split;
import io.hpo4j.trainers.data.TestPart;
import io.hpo4j.tuner.Direction;
import io.hpo4j.tuner.EpochMetrics;
import io.hpo4j.tuner.space.CategoricalDistribution;
import io.hpo4j.tuner.space.Distribution;
import io.hpo4j.tuner.space.FloatDistribution;
import io.hpo4j.tuner.space.IntDistribution;
import io.hpo4j.tuner.space.SearchSpace;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads and validates a YAML study file. Every problem is a {@link StudyFileException} naming the
 * file, the line and the key, raised before any trial starts: unknown keys, wrong types, invalid
 * ranges, unknown samplers or pruners and their invalid settings.
 *
 * <p>The format is documented in the README ("Study file reference"); {@code examples/} has
 * complete files. Relative dataset paths are resolved against the study file's directory.
 */
public final class StudyFileParser {

    private static final Set<String> TOP_KEYS = Set.of("name", "description", "metric", "direction", "dataset",
            "search_space", "fixed_params", "sampler", "pruner", "seed", "budget", "jobs", "early_stopping", "storage",
            "keep_models", "heartbeat", "retry_failed");
    private static final Set<String> HEARTBEAT_KEYS = Set.of("interval", "grace");
    private static final Set<String> DATASET_KEYS = Set.of("source", "path", "label_column", "header", "skip_rows", "scaling",
            "validation_split", "split_seed", "train_size", "validation_size", "train_limit", "test_fraction", "test_path");
    private static final Set<String> BUDGET_KEYS = Set.of("trials", "timeout");
    private static final Set<String> EARLY_STOPPING_KEYS = Set.of("monitor", "patience", "min_delta");
    private static final List<String> PARAM_TYPES = List.of("int", "float", "categorical");
    private static final double DEFAULT_VALIDATION_SPLIT = 0.2;
    private static final long DEFAULT_SPLIT_SEED = 7;
    /** Kept best-epoch networks per study when the file does not say. */
    public static final int DEFAULT_KEEP_MODELS = 3;

    /** The data of a study file without a dataset section: the bundled MNIST subset, 80/20, seed 7. */
    public static final DataSpec DEFAULT_DATA = DataSpec.of(DataSource.mnist10k(),
            Split.random(DEFAULT_VALIDATION_SPLIT, DEFAULT_SPLIT_SEED));

    /**
     * The sampler of a study file that names none: TPE with Optuna's defaults. Chosen by
     * {@code bench/run fashion-quick} (README, "Choosing a sampler"): with the pruner below it was
     * the configuration that reached Optuna's TPE + median pruning accuracy in fewer epochs.
     */
    public static final ComponentSpec DEFAULT_SAMPLER = ComponentSpec.of("tpe");

    /**
     * The pruner of a study file that names none: successive halving with rungs at epochs 2, 6
     * and 18 (min_resource 2, reduction_factor 3), the setting measured with {@link #DEFAULT_SAMPLER}.
     */
    public static final ComponentSpec DEFAULT_PRUNER = new ComponentSpec("successive_halving",
            orderedSettings("min_resource", 2, "reduction_factor", 3));

    private static Map<String, Object> orderedSettings(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    private final Function<ComponentSpec, ?> samplerCheck;
    private final Function<ComponentSpec, ?> prunerCheck;

    /**
     * @param samplerCheck builds (and so validates) a sampler from its spec, throwing
     *                     IllegalArgumentException for an unknown type or bad setting
     * @param prunerCheck  the same for pruners
     */
    public StudyFileParser(Function<ComponentSpec, ?> samplerCheck, Function<ComponentSpec, ?> prunerCheck) {
        this.samplerCheck = samplerCheck;
        this.prunerCheck = prunerCheck;
    }

    public StudyFile parse(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new StudyFileException("study file " + file + " does not exist");
        } catch (IOException e) {
            throw new StudyFileException("cannot read study file " + file + ": " + e.getMessage(), e);
        }
        Path base = file.toAbsolutePath().getParent();
        return parse(new StringReader(text), file.toString(), file, base);
    }

    /** Parses YAML text; {@code base} resolves relative paths. */
    public StudyFile parse(Reader reader, String fileName, Path source, Path base) {
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            root = new Yaml(options).compose(reader);
        } catch (MarkedYAMLException e) {
            throw new StudyFileException(fileName + ", line " + (e.getProblemMark().getLine() + 1) + ": not valid YAML: "
                    + e.getProblem(), e);
        } catch (YAMLException e) {
            throw new StudyFileException(fileName + ": not valid YAML: " + e.getMessage(), e);
        }
        if (root == null) {
            throw new StudyFileException(fileName + ": the study file is empty");
        }
        YamlNode top = new YamlNode(fileName, "", root);
        Map<String, YamlNode> map = top.mapping(TOP_KEYS);

        String name = required(top, map, "name").string().trim();
        if (name.isEmpty() || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw map.get("name").error("expected a name of letters, digits, '.', '_' or '-', but got '" + name + "'");
        }
        String description = YamlNode.get(map, "description").map(YamlNode::string).orElse(null);

        EpochMetrics.Metric metric = YamlNode.get(map, "metric")
                .map(n -> wrap(n, () -> EpochMetrics.Metric.parse(n.string())))
                .orElse(EpochMetrics.Metric.VALIDATION_ACCURACY);
        if (metric == EpochMetrics.Metric.TRAIN_LOSS || metric == EpochMetrics.Metric.TRAIN_ACCURACY) {
            throw map.get("metric").error("expected a validation metric (validation_accuracy or validation_loss), but got '"
                    + metric.key() + "'");
        }
        Direction direction = metric.direction();
        if (YamlNode.get(map, "direction").isPresent()) {
            YamlNode d = map.get("direction");
            direction = wrap(d, () -> Direction.parse(d.string()));
            if (direction != metric.direction()) {
                throw d.error(metric.key() + " improves when it goes " + (metric.direction() == Direction.MAXIMIZE ? "up" : "down")
                        + ", so direction must be " + metric.direction().name().toLowerCase() + ", but got '" + d.string() + "'");
            }
        }

        DataSpec dataset = YamlNode.get(map, "dataset").map(n -> dataset(n, base)).orElse(DEFAULT_DATA);
        SearchSpace space = searchSpace(required(top, map, "search_space"));
        Map<String, Object> fixed = new LinkedHashMap<>();
        YamlNode.get(map, "fixed_params").ifPresent(n -> n.mapping().forEach((k, v) -> {
            if (space.contains(k)) {
                throw v.error("is both searched (search_space) and fixed (fixed_params); keep one");
            }
            fixed.put(k, v.scalarValue());
        }));

        ComponentSpec sampler = YamlNode.get(map, "sampler").map(n -> component(n, samplerCheck)).orElse(DEFAULT_SAMPLER);
        ComponentSpec pruner = YamlNode.get(map, "pruner").map(n -> component(n, prunerCheck)).orElse(DEFAULT_PRUNER);
        Long seed = YamlNode.get(map, "seed").map(YamlNode::longValue).orElse(null);

        int trials = 0;
        Duration timeout = null;
        if (YamlNode.get(map, "budget").isPresent()) {
            Map<String, YamlNode> budget = map.get("budget").mapping(BUDGET_KEYS);
            if (YamlNode.get(budget, "trials").isPresent()) {
                trials = budget.get("trials").intValue();
                if (trials < 1) {
                    throw budget.get("trials").error("expected at least 1 trial, but got " + trials);
                }
            }
            timeout = YamlNode.get(budget, "timeout").map(YamlNode::duration).orElse(null);
        }
        if (trials == 0 && timeout == null) {
            throw top.error("budget: expected 'trials' and/or 'timeout' (e.g. budget: {trials: 20, timeout: 4m})");
        }
        Integer jobs = null;
        if (YamlNode.get(map, "jobs").isPresent()) {
            jobs = map.get("jobs").intValue();
            if (jobs < 1) {
                throw map.get("jobs").error("expected at least 1 job, but got " + jobs);
            }
        }
        EarlyStopping earlyStopping = YamlNode.get(map, "early_stopping").map(n -> earlyStopping(n, metric))
                .orElse(EarlyStopping.disabled());
        String storage = YamlNode.get(map, "storage").map(YamlNode::string).orElse(null);
        int keepModels = DEFAULT_KEEP_MODELS;
        if (YamlNode.get(map, "keep_models").isPresent()) {
            keepModels = map.get("keep_models").intValue();
            if (keepModels < 0) {
                throw map.get("keep_models").error("expected a number of models >= 0 (0 keeps none), but got " + keepModels);
            }
        }
        return new StudyFile(source, name, description, metric, direction, dataset, space, fixed, sampler, pruner, seed,
                trials, timeout, jobs, earlyStopping, storage, keepModels, heartbeat(top, map));

    }

    /** {@code heartbeat: {interval: 5s, grace: 60s}} and {@code retry_failed: K}, over the defaults. */
    private static HeartbeatPolicy heartbeat(YamlNode top, Map<String, YamlNode> map) {
        HeartbeatPolicy policy = HeartbeatPolicy.DEFAULT;
        Duration interval = policy.interval();
        Duration grace = policy.grace();
        YamlNode where = top;
        if (YamlNode.get(map, "heartbeat").isPresent()) {
            where = map.get("heartbeat");
            Map<String, YamlNode> hb = where.mapping(HEARTBEAT_KEYS);
            interval = YamlNode.get(hb, "interval").map(YamlNode::duration).orElse(interval);
            grace = YamlNode.get(hb, "grace").map(YamlNode::duration).orElse(grace);
        }
        int retry = 0;
        if (YamlNode.get(map, "retry_failed").isPresent()) {
            retry = map.get("retry_failed").intValue();
            if (retry < 0) {
                throw map.get("retry_failed").error("expected 0 or more retries, but got " + retry);
            }
        }
        try {
            return new HeartbeatPolicy(interval, grace, retry);
        } catch (IllegalArgumentException e) {
            throw where.error(e.getMessage());
        }
    }

    private static YamlNode required(YamlNode parent, Map<String, YamlNode> map, String key) {
        return YamlNode.get(map, key).orElseThrow(() -> parent.error("missing required key '" + key + "'"));
    }

    private static DataSpec dataset(YamlNode node, Path base) {
        if (node.isScalar()) {
            node.choice(List.of("mnist-10k"));
            return DEFAULT_DATA;
        }
        Map<String, YamlNode> m = node.mapping(DATASET_KEYS);
        String source = required(node, m, "source").choice(List.of("mnist-10k", "idx", "csv"));
        Path path = null;
        if (!source.equals("mnist-10k")) {
            YamlNode p = required(node, m, "path");
            path = base == null ? Path.of(p.string()) : base.resolve(p.string()).normalize();
            boolean wantDirectory = source.equals("idx");
            if (wantDirectory ? !Files.isDirectory(path) : !Files.isRegularFile(path)) {
                throw p.error("expected " + (wantDirectory ? "a directory of IDX files" : "a CSV file") + ", but " + path
                        + (Files.exists(path) ? " is not one" : " does not exist"));
            }
        } else if (m.containsKey("path")) {
            throw m.get("path").error("the bundled mnist-10k data set takes no path");
        }
        DataSource dataSource;
        if (source.equals("csv")) {
            Object label = required(node, m, "label_column").scalarValue();
            CsvFormat format = label instanceof Integer i ? CsvFormat.labelAt(i) : CsvFormat.labelNamed(String.valueOf(label));
            Boolean header = YamlNode.get(m, "header").map(YamlNode::booleanValue).orElse(null);
            format = format.withHeader(header == null ? CsvFormat.Header.AUTO : header ? CsvFormat.Header.PRESENT : CsvFormat.Header.ABSENT);
            if (YamlNode.get(m, "skip_rows").isPresent()) {
                int skip = m.get("skip_rows").intValue();
                if (skip < 0) {
                    throw m.get("skip_rows").error("expected 0 or more lines to skip, but got " + skip);
                }
                format = format.withSkipRows(skip);
            }
            dataSource = DataSource.csv(path, format);
        } else {
            for (String key : List.of("label_column", "header", "skip_rows")) {
                if (m.containsKey(key)) {
                    throw m.get(key).error("only CSV data sets take " + key);
                }
            }
            if (source.equals("idx")) {
                requireIdxFiles(m.get("path"), path, IdxPart.TRAIN, "a directory of IDX files");
            }
            dataSource = source.equals("idx") ? DataSource.idxDirectory(path, IdxPart.TRAIN) : DataSource.mnist10k();
        }
        Integer trainSize = YamlNode.get(m, "train_size").map(YamlNode::intValue).orElse(null);
        Integer validationSize = YamlNode.get(m, "validation_size").map(YamlNode::intValue).orElse(null);
        Double fraction = YamlNode.get(m, "validation_split").map(YamlNode::doubleValue).orElse(null);
        long splitSeed = YamlNode.get(m, "split_seed").map(YamlNode::longValue).orElse(DEFAULT_SPLIT_SEED);
        Split split;
        if ((trainSize == null) != (validationSize == null)) {
            throw node.error("train_size and validation_size go together (first N examples train, last M validate)");
        }
        if (trainSize != null) {
            if (fraction != null) {
                throw m.get("validation_split").error("give either validation_split or train_size/validation_size, not both");
            }
            split = wrap(node, () -> Split.headTail(trainSize, validationSize));
        } else {
            double f = fraction == null ? DEFAULT_VALIDATION_SPLIT : fraction;
            if (!(f > 0 && f < 1)) {
                throw m.get("validation_split").error("expected a fraction strictly between 0 and 1, but got " + f);
            }
            split = Split.random(f, splitSeed);
        }
        DataSpec spec = DataSpec.of(dataSource, split);
        if (m.containsKey("scaling")) {
            YamlNode sc = m.get("scaling");
            spec = spec.withScaling(wrap(sc, () -> FeatureScaling.parse(sc.string())));
        }
        if (YamlNode.get(m, "train_limit").isPresent()) {
            YamlNode limit = m.get("train_limit");
            int n = limit.intValue();
            if (n < 1) {
                throw limit.error("expected at least 1 training example, but got " + n);
            }
            spec = spec.withTrainLimit(n);
        }
        return spec.withTest(testPart(m, source, dataSource, base, splitSeed));
    }

    /** {@code test_fraction: 0.1}, or {@code test_path}: a CSV file (CSV data) or a directory of IDX t10k files. */
    private static TestPart testPart(Map<String, YamlNode> m, String source, DataSource dataSource, Path base, long splitSeed) {
        YamlNode fraction = m.get("test_fraction");
        YamlNode path = m.get("test_path");
        if (fraction != null && path != null) {
            throw path.error("give either test_fraction or test_path, not both");
        }
        if (fraction != null) {
            double f = fraction.doubleValue();
            if (!(f > 0 && f < 1)) {
                throw fraction.error("expected a fraction strictly between 0 and 1, but got " + f);
            }
            return TestPart.fraction(f, splitSeed);
        }
        if (path == null) {
            return TestPart.none();
        }
        if (source.equals("mnist-10k")) {
            throw path.error("the bundled mnist-10k data set has no separate test files; use test_fraction");
        }
        Path p = base == null ? Path.of(path.string()) : base.resolve(path.string()).normalize();
        if (source.equals("csv")) {
            if (!Files.isRegularFile(p)) {
                throw path.error("expected a CSV file of test data, but " + p + (Files.exists(p) ? " is not a file" : " does not exist"));
            }
            return TestPart.separate(DataSource.csv(p, ((DataSource.CsvFile) dataSource).format()));
        }
        if (!Files.isDirectory(p)) {
            throw path.error("expected a directory with the IDX t10k files, but " + p + (Files.exists(p) ? " is not a directory" : " does not exist"));
        }
        requireIdxFiles(path, p, IdxPart.TEST, "a directory with the IDX t10k files");
        return TestPart.separate(DataSource.idxDirectory(p, IdxPart.TEST));
    }

    /** Refuses, while the file is read (before anything is written), a directory that lacks {@code part}'s IDX files. */
    private static void requireIdxFiles(YamlNode node, Path dir, IdxPart part, String expected) {
        try {
            IdxLoader.find(dir, part);
        } catch (java.nio.file.NoSuchFileException e) {
            throw node.error("expected " + expected + ", but " + dir + " has " + e.getReason());
        } catch (java.io.IOException e) {
            throw node.error("expected " + expected + ", but " + dir + " cannot be read: " + e.getMessage());
        }
    }

    private static SearchSpace searchSpace(YamlNode node) {
        SearchSpace.Builder builder = SearchSpace.builder();
        Map<String, YamlNode> params = node.mapping();
        if (params.isEmpty()) {
            throw node.error("expected at least one parameter");
        }
        params.forEach((name, p) -> builder.add(name, distribution(name, p)));
        return builder.build();
    }

    private static Distribution distribution(String name, YamlNode node) {
        if (!node.isMapping()) {
            // shorthand: a list of choices
            List<Object> choices = new ArrayList<>();
            node.sequence().forEach(c -> choices.add(c.scalarValue()));
            return wrap(node, () -> new CategoricalDistribution(choices));
        }
        Map<String, YamlNode> m = node.mapping();
        String type = required(node, m, "type").choice(PARAM_TYPES);
        Set<String> allowed = type.equals("categorical") ? Set.of("type", "choices") : Set.of("type", "low", "high", "log", "step");
        node.mapping(allowed);
        return switch (type) {
            case "int" -> {
                int low = required(node, m, "low").intValue();
                int high = required(node, m, "high").intValue();
                boolean log = YamlNode.get(m, "log").map(YamlNode::booleanValue).orElse(false);
                int step = YamlNode.get(m, "step").map(YamlNode::intValue).orElse(1);
                yield wrap(node, () -> new IntDistribution(low, high, log, step));
            }
            case "float" -> {
                double low = required(node, m, "low").doubleValue();
                double high = required(node, m, "high").doubleValue();
                boolean log = YamlNode.get(m, "log").map(YamlNode::booleanValue).orElse(false);
                double step = YamlNode.get(m, "step").map(YamlNode::doubleValue).orElse(0.0);
                yield wrap(node, () -> new FloatDistribution(low, high, log, step));
            }
            default -> {
                List<Object> choices = new ArrayList<>();
                required(node, m, "choices").sequence().forEach(c -> choices.add(c.scalarValue()));
                yield wrap(node, () -> new CategoricalDistribution(choices));
            }
        };
    }

    private static ComponentSpec component(YamlNode node, Function<ComponentSpec, ?> check) {
        ComponentSpec spec;
        if (node.isScalar()) {
            spec = ComponentSpec.of(node.string().trim().toLowerCase(java.util.Locale.ROOT));
        } else {
            Map<String, YamlNode> m = node.mapping();
            String type = required(node, m, "type").string().trim().toLowerCase(java.util.Locale.ROOT);
            Map<String, Object> settings = new LinkedHashMap<>();
            m.forEach((k, v) -> {
                if (!k.equals("type")) {
                    settings.put(k, v.plain());
                }
            });
            spec = new ComponentSpec(type, settings);
        }
        ComponentSpec s = spec;
        wrap(node, () -> check.apply(s));
        return spec;
    }

    private static EarlyStopping earlyStopping(YamlNode node, EpochMetrics.Metric metric) {
        Map<String, YamlNode> m = node.mapping(EARLY_STOPPING_KEYS);
        EpochMetrics.Metric monitor = YamlNode.get(m, "monitor")
                .map(n -> wrap(n, () -> EpochMetrics.Metric.parse(n.string()))).orElse(metric);
        int patience = YamlNode.get(m, "patience").map(YamlNode::intValue).orElse(3);
        double minDelta = YamlNode.get(m, "min_delta").map(YamlNode::doubleValue).orElse(0.0);
        if (patience < 1) {
            throw m.get("patience").error("expected at least 1 epoch, but got " + patience);
        }
        if (!(minDelta >= 0)) {
            throw m.get("min_delta").error("expected a number >= 0, but got " + minDelta);
        }
        return wrap(node, () -> EarlyStopping.of(monitor, patience, minDelta));
    }

    private static <T> T wrap(YamlNode node, java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (StudyFileException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw node.error(e.getMessage());
        }
    }
}
