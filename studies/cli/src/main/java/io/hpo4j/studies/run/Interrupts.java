package io.hpo4j.studies.run;

import sun.misc.Signal;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs an action when the user presses Ctrl-C (SIGINT) or the process is asked to stop (SIGTERM),
 * <em>before</em> the JVM starts shutting down, then exits with 130 (SIGINT) or 143 (SIGTERM).
 * A second Ctrl-C while the action runs exits at once with the same code.
 *
 * <p>Why not a shutdown hook: the embedded database closes itself in its own shutdown hook, and
 * hooks run in no particular order, so a hook could find the database already closed and lose the
 * "interrupted" state of the running trials. A signal handler runs first. Where signals cannot be
 * handled (an unusual JVM), a shutdown hook is the fallback. kill -9 cannot be caught: heartbeats
 * cover it (the trial is failed as "worker lost" after the grace period).
 *
 * <p>While the action runs, the trials' own threads may fail on the storage or on trials that it
 * just finished; {@link #inProgress()} lets the command line stay quiet about those.
 */
public final class Interrupts implements AutoCloseable {

    private static volatile int exitCode;

    private final List<Restore> restores = new ArrayList<>();
    private final Thread fallbackHook;

    private record Restore(Signal signal, sun.misc.SignalHandler previous) {
    }

    private Interrupts(Runnable action) {
        Thread hook = null;
        for (String[] s : new String[][]{{"INT", "130"}, {"TERM", "143"}}) {
            try {
                Signal signal = new Signal(s[0]);
                int code = Integer.parseInt(s[1]);
                sun.misc.SignalHandler previous = Signal.handle(signal, sig -> {
                    if (exitCode != 0) {
                        Runtime.getRuntime().halt(exitCode); // the second Ctrl-C: out now
                    }
                    exitCode = code;
                    try {
                        action.run();
                    } catch (RuntimeException e) {
                        System.err.println("hpo: while stopping: " + e.getMessage());
                    } finally {
                        System.exit(code);
                    }
                });
                restores.add(new Restore(signal, previous));
            } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
                if (hook == null) {
                    hook = new Thread(() -> {
                        if (exitCode == 0) {
                            exitCode = 130;
                            action.run();
                        }
                    }, "hpo-interrupt");
                    Runtime.getRuntime().addShutdownHook(hook);
                }
            }
        }
        this.fallbackHook = hook;
    }

    /** Installs {@code action} until {@link #close()}. */
    static Interrupts onInterrupt(Runnable action) {
        return new Interrupts(action);
    }

    /** Whether a signal is being handled: the process is on its way out with {@link #exitCode()}. */
    public static boolean inProgress() {
        return exitCode != 0;
    }

    /** The exit code of the signal being handled (130 or 143), or 0. */
    public static int exitCode() {
        return exitCode;
    }

    @Override
    public void close() {
        for (Restore r : restores) {
            Signal.handle(r.signal(), r.previous());
        }
        if (fallbackHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(fallbackHook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting: the hook runs
            }
        }
    }
}
