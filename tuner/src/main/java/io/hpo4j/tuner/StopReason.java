package io.hpo4j.tuner;

/**
 * Why a trial stopped, as recorded with it: a closed set of cases, each with what it needs. The
 * objective may declare it ({@link Trial#recordStop}: early stopping, divergence); otherwise the
 * study derives it from how the trial ended.
 *
 * <pre>{@code
 * if (trial.record().stopReason() instanceof StopReason.EarlyStopped e) {
 *     System.out.println("stopped at epoch " + e.epoch() + ": " + e.detail());
 * }
 * }</pre>
 *
 * <p>Storages keep {@link #kind()}, {@link #epoch()} and {@link #detail()} and rebuild the case
 * with {@link #of(String, Integer, String)}.
 */
public sealed interface StopReason {

    /** The case's name as stored: {@code completed}, {@code early_stopped}, {@code pruned}, ... */
    String kind();

    /** The epoch (step) at which the trial stopped, or null if the case has none or it is unknown. */
    Integer epoch();

    /** The case's explanation in words, or null. */
    String detail();

    /**
     * One line for people, e.g. {@code early stopped at epoch 7: no improvement ...}; a detail that
     * starts with the case's words ({@code worker lost: no heartbeat ...}) does not repeat them.
     */
    default String describe() {
        String words = kind().replace('_', ' ');
        String d = detail();
        if (d != null && d.startsWith(words + ":")) {
            d = d.substring(words.length() + 1).strip();
        }
        String at = epoch() == null ? "" : " at epoch " + epoch();
        return words + at + (d == null || d.isEmpty() ? "" : ": " + d);
    }

    /** The objective ran to its end (all its epochs, if it has epochs). */
    record Completed(Integer epoch) implements StopReason {
        @Override
        public String kind() {
            return "completed";
        }

        @Override
        public String detail() {
            return null;
        }
    }

    /** The objective stopped itself before its last epoch because its metric stopped improving. */
    record EarlyStopped(Integer epoch, String detail) implements StopReason {
        @Override
        public String kind() {
            return "early_stopped";
        }
    }

    /** A pruner stopped it after {@code epoch} (its last reported step). */
    record Pruned(Integer epoch, String detail) implements StopReason {
        @Override
        public String kind() {
            return "pruned";
        }
    }

    /** Its training diverged (a loss became NaN or infinite) at {@code epoch}. */
    record Diverged(Integer epoch, String detail) implements StopReason {
        @Override
        public String kind() {
            return "diverged";
        }
    }

    /** The objective threw, or returned a value that is not finite. */
    record Failed(String detail) implements StopReason {
        @Override
        public String kind() {
            return "failed";
        }

        @Override
        public Integer epoch() {
            return null;
        }
    }

    /** The process running it was interrupted (Ctrl-C, a stop request) before it finished. */
    record Interrupted(String detail) implements StopReason {
        @Override
        public String kind() {
            return "interrupted";
        }

        @Override
        public Integer epoch() {
            return null;
        }
    }

    /** The worker running it stopped beating and the trial was failed by another process. */
    record WorkerLost(String detail) implements StopReason {
        @Override
        public String kind() {
            return "worker_lost";
        }

        @Override
        public Integer epoch() {
            return null;
        }
    }

    /** The stored kinds, in the order of the cases above. */
    java.util.List<String> KINDS = java.util.List.of("completed", "early_stopped", "pruned", "diverged", "failed",
            "interrupted", "worker_lost");

    /**
     * Rebuilds a stored stop reason.
     *
     * @throws IllegalArgumentException if {@code kind} is not one of {@link #KINDS}
     */
    static StopReason of(String kind, Integer epoch, String detail) {
        return switch (kind == null ? "" : kind) {
            case "completed" -> new Completed(epoch);
            case "early_stopped" -> new EarlyStopped(epoch, detail);
            case "pruned" -> new Pruned(epoch, detail);
            case "diverged" -> new Diverged(epoch, detail);
            case "failed" -> new Failed(detail);
            case "interrupted" -> new Interrupted(detail);
            case "worker_lost" -> new WorkerLost(detail);
            default -> throw new IllegalArgumentException("stop reason must be one of " + KINDS + ", but got '" + kind + "'");
        };
    }
}
