package io.hpo4j.studies.run;

import java.util.Map;

/**
 * How the machine's cores are split between parallel trials and ND4J's threads.
 *
 * <p>ND4J reads its thread count from the environment when it loads ({@code OMP_NUM_THREADS};
 * setting it later has no effect), so the {@code hpo} launcher sets it to 1 unless the user did,
 * and by default hpo4j runs one single-threaded trial per core: measured on 2 cores, two
 * one-thread trials at once give ~1.5x the throughput of one two-thread trial, with identical
 * results. With {@code OMP_NUM_THREADS=T} set by the user, the default becomes cores / T jobs.
 *
 * @param cores            the cores the JVM may use
 * @param threadsPerTrial  ND4J's threads per trial, from {@code OMP_NUM_THREADS} (1 if unset)
 * @param jobs             trials run at once
 */
public record ThreadLayout(int cores, int threadsPerTrial, int jobs) {

    public ThreadLayout {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be >= 1, but got " + jobs);
        }
    }

    /** The layout for {@code requestedJobs} (null for the default) in this process's environment. */
    public static ThreadLayout of(Integer requestedJobs, Map<String, String> env, int cores) {
        int threads = 1;
        String omp = env.get("OMP_NUM_THREADS");
        if (omp != null && !omp.isBlank()) {
            try {
                threads = Math.max(1, Integer.parseInt(omp.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("OMP_NUM_THREADS must be a whole number, but got '" + omp + "'");
            }
        }
        int jobs = requestedJobs != null ? requestedJobs : Math.max(1, cores / threads);
        return new ThreadLayout(cores, threads, jobs);
    }

    /** Whether trials x threads exceed the cores (they then compete, and ND4J slows down a lot). */
    public boolean oversubscribed() {
        return (long) jobs * threadsPerTrial > cores;
    }

    public String describe() {
        return jobs + " trial" + (jobs == 1 ? "" : "s") + " at once x " + threadsPerTrial + " ND4J thread"
                + (threadsPerTrial == 1 ? "" : "s") + " on " + cores + " core" + (cores == 1 ? "" : "s");
    }
}
