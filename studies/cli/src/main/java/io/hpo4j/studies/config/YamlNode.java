package io.hpo4j.studies.config;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A YAML node with its position, read with types checked: every error names the file, the line,
 * the key's path and what was expected. Package-private helper of {@link StudyFileParser}.
 */
final class YamlNode {

    private static final Pattern DURATION = Pattern.compile("(?i)\\s*(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|min|h)?\\s*");

    private final String file;
    private final String path;
    private final Node node;

    YamlNode(String file, String path, Node node) {
        this.file = file;
        this.path = path;
        this.node = node;
    }

    String path() {
        return path;
    }

    int line() {
        return node.getStartMark().getLine() + 1;
    }

    StudyFileException error(String message) {
        return new StudyFileException(file + ", line " + line() + ": " + (path.isEmpty() ? "" : path + ": ") + message);
    }

    boolean isMapping() {
        return node instanceof MappingNode;
    }

    boolean isScalar() {
        return node instanceof ScalarNode;
    }

    /** The entries of a mapping, in order; unknown keys (not in {@code allowed}) are errors. */
    Map<String, YamlNode> mapping(Set<String> allowed) {
        Map<String, YamlNode> entries = mapping();
        for (Map.Entry<String, YamlNode> e : entries.entrySet()) {
            if (!allowed.contains(e.getKey())) {
                throw e.getValue().error("unknown key; expected one of " + new java.util.TreeSet<>(allowed));
            }
        }
        return entries;
    }

    /** The entries of a mapping, in order. Duplicate keys are errors. */
    Map<String, YamlNode> mapping() {
        if (!(node instanceof MappingNode m)) {
            throw error("expected a mapping (key: value lines), but got " + describe());
        }
        Map<String, YamlNode> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : m.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode k)) {
                throw new YamlNode(file, path, tuple.getKeyNode()).error("keys must be plain words");
            }
            String key = k.getValue();
            String childPath = path.isEmpty() ? key : path + "." + key;
            if (entries.containsKey(key)) {
                throw new YamlNode(file, childPath, tuple.getKeyNode()).error("duplicate key");
            }
            entries.put(key, new YamlNode(file, childPath, tuple.getValueNode()));
        }
        return entries;
    }

    List<YamlNode> sequence() {
        if (!(node instanceof SequenceNode s)) {
            throw error("expected a list, but got " + describe());
        }
        List<YamlNode> items = new ArrayList<>();
        for (int i = 0; i < s.getValue().size(); i++) {
            items.add(new YamlNode(file, path + "[" + i + "]", s.getValue().get(i)));
        }
        return items;
    }

    boolean isNull() {
        return node instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
    }

    String string() {
        ScalarNode s = scalar("a string");
        if (s.getTag().equals(Tag.NULL)) {
            throw error("expected a string, but got nothing");
        }
        return s.getValue();
    }

    /** A string value restricted to the given choices (case-insensitive), in lower case. */
    String choice(List<String> choices) {
        String value = string().trim().toLowerCase(java.util.Locale.ROOT);
        if (!choices.contains(value)) {
            throw error("expected one of " + choices + ", but got '" + string() + "'");
        }
        return value;
    }

    long longValue() {
        ScalarNode s = scalar("an integer");
        if (!s.getTag().equals(Tag.INT)) {
            throw error("expected an integer, but got " + describe());
        }
        try {
            return Long.decode(s.getValue().replace("_", ""));
        } catch (NumberFormatException e) {
            throw error("expected an integer, but got " + describe());
        }
    }

    int intValue() {
        long v = longValue();
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw error("integer out of range: " + v);
        }
        return (int) v;
    }

    double doubleValue() {
        ScalarNode s = scalar("a number");
        if (s.getTag().equals(Tag.STR) && s.getValue().trim().matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
            // YAML 1.1 reads 1e-4 (no dot) as a string; people mean the number.
            return Double.parseDouble(s.getValue().trim());
        }
        if (!s.getTag().equals(Tag.INT) && !s.getTag().equals(Tag.FLOAT)) {
            throw error("expected a number, but got " + describe());
        }
        try {
            return Double.parseDouble(s.getValue().replace("_", ""));
        } catch (NumberFormatException e) {
            throw error("expected a number, but got " + describe());
        }
    }

    boolean booleanValue() {
        ScalarNode s = scalar("true or false");
        if (!s.getTag().equals(Tag.BOOL)) {
            throw error("expected true or false, but got " + describe());
        }
        return Boolean.parseBoolean(s.getValue().toLowerCase(java.util.Locale.ROOT))
                || s.getValue().equalsIgnoreCase("yes") || s.getValue().equalsIgnoreCase("on");
    }

    /** A duration: a number of seconds, or a number with a unit (ms, s, m/min, h): {@code 90}, {@code 4m}, {@code 1.5h}. */
    Duration duration() {
        ScalarNode s = scalar("a duration");
        Matcher m = DURATION.matcher(s.getValue());
        if (!m.matches()) {
            throw error("expected a duration such as 90, 90s, 4m or 1h, but got " + describe());
        }
        double amount = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2).toLowerCase(java.util.Locale.ROOT);
        double millis = switch (unit) {
            case "ms" -> amount;
            case "s" -> amount * 1_000;
            case "m", "min" -> amount * 60_000;
            default -> amount * 3_600_000;
        };
        if (millis <= 0) {
            throw error("expected a positive duration, but got " + describe());
        }
        return Duration.ofMillis(Math.round(millis));
    }

    /** A scalar as the natural Java value: Integer/Long, Double, Boolean, String or null. */
    Object scalarValue() {
        ScalarNode s = scalar("a single value");
        Tag tag = s.getTag();
        if (tag.equals(Tag.NULL)) {
            return null;
        }
        if (tag.equals(Tag.BOOL)) {
            return booleanValue();
        }
        if (tag.equals(Tag.INT)) {
            long v = longValue();
            return v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE ? (Object) (int) v : (Object) v;
        }
        if (tag.equals(Tag.FLOAT)) {
            return doubleValue();
        }
        return s.getValue();
    }

    /** Any node as plain Java values (maps, lists, scalars), for settings passed on to factories. */
    Object plain() {
        if (node instanceof MappingNode) {
            Map<String, Object> map = new LinkedHashMap<>();
            mapping().forEach((k, v) -> map.put(k, v.plain()));
            return map;
        }
        if (node instanceof SequenceNode) {
            List<Object> list = new ArrayList<>();
            sequence().forEach(v -> list.add(v.plain()));
            return list;
        }
        return scalarValue();
    }

    static Optional<YamlNode> get(Map<String, YamlNode> map, String key) {
        return Optional.ofNullable(map.get(key)).filter(n -> !n.isNull());
    }

    private ScalarNode scalar(String expected) {
        if (!(node instanceof ScalarNode s)) {
            throw error("expected " + expected + ", but got " + describe());
        }
        return s;
    }

    private String describe() {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        ScalarNode s = (ScalarNode) node;
        return s.getTag().equals(Tag.NULL) ? "nothing" : "'" + s.getValue() + "'";
    }
}
