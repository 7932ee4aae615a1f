package io.hpo4j.trainers;

import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * What a trial records about the DL4J/ND4J runtime it trained on: library versions, the ND4J
 * backend, and the thread layout. ND4J reads its thread layout only from the environment
 * ({@code OMP_NUM_THREADS}, {@code SD_MAX_THREADS}, {@code SD_MASTER_THREADS}) when it starts, so
 * hpo4j never sets it in code; the launcher (and the test configuration) does, and this records
 * both the variables and what ND4J made of them.
 *
 * <pre>{@code
 * Map<String, Object> env = Dl4jEnvironment.describe();
 * // {dl4j_version=1.0.0-M2.1, nd4j_version=1.0.0-M2.1, nd4j_backend=CpuBackend, nd4j_max_threads=1, ...}
 * }</pre>
 *
 * <p>Thread-safe; the static part is computed once.
 */
public final class Dl4jEnvironment {

    /** The environment variables that shape ND4J's threads, recorded as they were at launch. */
    public static final List<String> THREAD_VARIABLES = List.of("OMP_NUM_THREADS", "SD_MAX_THREADS", "SD_MASTER_THREADS",
            "OMP_WAIT_POLICY");

    private static volatile Map<String, Object> cached;

    static {
        NativeTuning.apply();
    }

    private Dl4jEnvironment() {
    }

    /** Versions, backend, thread variables and ND4J's effective thread counts; unmodifiable. */
    public static Map<String, Object> describe() {
        Map<String, Object> result = cached;
        if (result == null) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("dl4j_version", mavenVersion("org.deeplearning4j", "deeplearning4j-nn"));
            map.put("nd4j_version", mavenVersion("org.nd4j", "nd4j-api"));
            map.put("nd4j_backend", Nd4j.getBackend().getClass().getSimpleName());
            map.put("nd4j_data_type", Nd4j.dataType().toString());
            Map<String, Object> env = new LinkedHashMap<>();
            for (String name : THREAD_VARIABLES) {
                String value = System.getenv(name);
                env.put(name, value == null ? "(unset)" : value);
            }
            map.put("thread_env", env);
            map.put("nd4j_max_threads", Nd4j.getEnvironment().maxThreads());
            map.put("nd4j_max_master_threads", Nd4j.getEnvironment().maxMasterThreads());
            Properties info = Nd4j.getExecutioner().getEnvironmentInformation();
            Object blas = info.get("blas.vendor");
            if (blas != null) {
                map.put("blas_vendor", blas.toString());
            }
            map.put("nd4j_natives", loadedNatives());
            map.put("javacpp_max_physical_bytes", org.bytedeco.javacpp.Pointer.maxPhysicalBytes());
            result = Collections.unmodifiableMap(map);
            cached = result;
        }
        return result;
    }

    /** The build of ND4J's natives that JavaCPP loaded, e.g. {@code linux-x86_64-avx2} ("unknown" if not found). */
    static String loadedNatives() {
        for (String path : org.bytedeco.javacpp.Loader.getLoadedLibraries().values()) {
            if (path != null && path.contains("jnind4jcpu")) {
                Path parent = Path.of(path).getParent();
                return parent == null ? path : parent.getFileName().toString();
            }
        }
        return "unknown";
    }

    /** The version in a jar's {@code META-INF/maven/<group>/<artifact>/pom.properties}, or "unknown". */
    static String mavenVersion(String group, String artifact) {
        String resource = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = Nd4j.class.getResourceAsStream(resource)) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
