package io.hpo4j.trainers;

import io.hpo4j.trainers.nd4j.CachingShapeInfoProvider;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The JavaCPP and ND4J settings measured fastest for training (see the README's "Threads and
 * memory"), chosen for the CPU at hand, applied as system properties before ND4J loads its
 * natives. A property the user already set is left alone.
 *
 * <ul>
 *   <li>{@code org.bytedeco.javacpp.platform.extension=-avx2} on an x86-64 Linux CPU with AVX2 and
 *       FMA, when the {@code linux-x86_64-avx2} build of nd4j-native is on the class path (the
 *       trainers module depends on it next to the generic build): ND4J's own ops (the Adam update,
 *       activations, reductions) run up to twice as fast. Elsewhere JavaCPP loads the generic
 *       build, which runs on any x86-64 CPU.</li>
 *   <li>{@code org.bytedeco.javacpp.maxPhysicalBytes=0}: JavaCPP otherwise reads
 *       {@code /proc/self/statm} on every native allocation to enforce a limit on the process's
 *       resident memory (ND4J allocates several arrays per minibatch).</li>
 *   <li>{@code shapeinfoprovider=}{@link CachingShapeInfoProvider}: ND4J's configuration, which
 *       it merges with the system properties when it starts, names the class that makes every
 *       array's shape information; ND4J's own leaves the overload array creation uses uncached,
 *       which costs native calls and garbage-collector work for every array and view.</li>
 * </ul>
 *
 * <p>These properties are read once, when JavaCPP's classes load, so {@link #apply()} runs from
 * the static initializers of the trainers' entry points ({@link MlpTrainer},
 * {@link io.hpo4j.trainers.nn.MlpNetworks}, {@link Dl4jEnvironment}); a program that touches ND4J
 * before any of them keeps JavaCPP's defaults ({@link #applied()} then still says what was asked,
 * and {@link Dl4jEnvironment#describe()} records the natives actually loaded). Thread-safe.
 */
public final class NativeTuning {

    static final String EXTENSION = "org.bytedeco.javacpp.platform.extension";
    static final String MAX_PHYSICAL_BYTES = "org.bytedeco.javacpp.maxPhysicalBytes";
    /** ND4J's configuration property naming its shape-information provider (read from the system properties at start-up). */
    static final String SHAPE_INFO_PROVIDER = "shapeinfoprovider";
    static final String AVX2_LIBRARY = "/org/nd4j/linalg/cpu/nativecpu/bindings/linux-x86_64-avx2/libjnind4jcpu.so";

    private static Map<String, String> applied;

    private NativeTuning() {
    }

    /** Sets the properties that are not set yet (once per JVM); returns what each property is now. */
    public static synchronized Map<String, String> apply() {
        if (applied == null) {
            Map<String, String> chosen = choose(cpuFlags(), System.getProperty("os.name", ""), System.getProperty("os.arch", ""),
                    NativeTuning.class.getResource(AVX2_LIBRARY) != null);
            Map<String, String> now = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : chosen.entrySet()) {
                if (System.getProperty(e.getKey()) == null) {
                    System.setProperty(e.getKey(), e.getValue());
                }
                now.put(e.getKey(), System.getProperty(e.getKey()));
            }
            applied = Collections.unmodifiableMap(now);
        }
        return applied;
    }

    /** What {@link #apply()} set or found; empty before it ran. */
    public static synchronized Map<String, String> applied() {
        return applied == null ? Map.of() : applied;
    }

    /**
     * The properties for a CPU with {@code flags} (as in /proc/cpuinfo) on {@code osName} /
     * {@code osArch}, given whether the AVX2 natives are on the class path.
     */
    static Map<String, String> choose(Set<String> flags, String osName, String osArch, boolean avx2NativesPresent) {
        Map<String, String> chosen = new LinkedHashMap<>();
        boolean x86Linux = osName.startsWith("Linux") && (osArch.equals("amd64") || osArch.equals("x86_64"));
        chosen.put(EXTENSION, x86Linux && avx2NativesPresent && flags.containsAll(List.of("avx2", "fma")) ? "-avx2" : "");
        chosen.put(MAX_PHYSICAL_BYTES, "0");
        chosen.put(SHAPE_INFO_PROVIDER, CachingShapeInfoProvider.class.getName());
        return chosen;
    }

    /** The CPU's feature flags from /proc/cpuinfo (empty where there is none). */
    static Set<String> cpuFlags() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("flags")) {
                    return new TreeSet<>(Arrays.asList(line.substring(line.indexOf(':') + 1).trim().split("\\s+")));
                }
            }
        } catch (IOException | RuntimeException e) {
            return Set.of();
        }
        return Set.of();
    }
}
