package io.hpo4j.studies.run;

import sun.misc.Signal;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs an action when the user presses Ctrl-C (SIGINT) or the process is asked to stop (SIGTERM),
 * <em>before</em> the JVM starts shutting down, then exits with 130 (or 143).
 *
 * <p>Why not a shutdown hook: the embedded database closes itself in its own shutdown hook, and
 * hooks run in no particular order, so a hook could find the database already closed and lose the
 * "interrupted" state of the running trials. A signal handler runs first. Where signals cannot be
 * handled (an unusual JVM), a shutdown hook is the fallback. A second Ctrl-C while the action runs
 * is ignored; kill -9 cannot be caught, and is covered by stale-heartbeat detection on resume.
 */
final class Interrupts implements AutoCloseable {

    private final List<Restore> restores = new ArrayList<>();
    private final Thread fallbackHook;
    private volatile boolean fired;

    private record Restore(Signal signal, sun.misc.SignalHandler previous) {
    }

    private Interrupts(Runnable action) {
        Thread hook = null;
        for (String[] s : new String[][]{{"INT", "130"}, {"TERM", "143"}}) {
            try {
                Signal signal = new Signal(s[0]);
                int exitCode = Integer.parseInt(s[1]);
                sun.misc.SignalHandler previous = Signal.handle(signal, sig -> {
                    if (fired) {
                        return;
                    }
                    fired = true;
                    try {
                        action.run();
                    } finally {
                        System.exit(exitCode);
                    }
                });
                restores.add(new Restore(signal, previous));
            } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
                if (hook == null) {
                    hook = new Thread(() -> {
                        if (!fired) {
                            fired = true;
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
