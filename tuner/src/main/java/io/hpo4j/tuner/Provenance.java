package io.hpo4j.tuner;

import java.util.LinkedHashMap;
import java.util.Map;

/** What every trial records about the software it ran on, so that it can be rerun. */
public final class Provenance {

    private Provenance() {
    }

    /** hpo4j's version, the Java runtime, and the operating system. */
    public static Map<String, Object> runtime() {
        Map<String, Object> map = new LinkedHashMap<>();
        String version = Provenance.class.getPackage().getImplementationVersion();
        map.put("hpo4j_version", version == null ? "dev" : version);
        map.put("java_version", System.getProperty("java.version"));
        map.put("java_vendor", System.getProperty("java.vendor"));
        map.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        map.put("arch", System.getProperty("os.arch"));
        map.put("cpus", Runtime.getRuntime().availableProcessors());
        return map;
    }
}
