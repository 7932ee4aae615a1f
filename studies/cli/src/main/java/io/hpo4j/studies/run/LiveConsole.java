package io.hpo4j.studies.run;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;

/**
 * The run's output: lines are appended as usual, and on an interactive terminal a status block
 * stays below them, redrawn in place (ANSI: cursor up, erase to the end of the screen) whenever it
 * changes or a line is written above it. On anything else the block is never drawn, so a log gets
 * only whole lines. Thread-safe: a line and a redraw never interleave.
 */
public final class LiveConsole extends Writer {

    private static final String ERASE_DOWN = "\u001b[J";

    private final PrintWriter out;
    private final boolean interactive;
    private final StringBuilder pending = new StringBuilder();
    private List<String> block = List.of();

    public LiveConsole(PrintWriter out, boolean interactive) {
        super(new Object());
        this.out = out;
        this.interactive = interactive;
    }

    public boolean interactive() {
        return interactive;
    }

    /** Replaces the status block (ignored unless interactive). */
    public void block(List<String> lines) {
        if (!interactive) {
            return;
        }
        synchronized (lock) {
            erase();
            block = List.copyOf(lines);
            draw();
            out.flush();
        }
    }

    /** Removes the status block. */
    public void clearBlock() {
        block(List.of());
    }

    @Override
    public void write(char[] buf, int off, int len) {
        synchronized (lock) {
            pending.append(buf, off, len);
            int nl = pending.lastIndexOf("\n");
            if (nl < 0) {
                return;
            }
            erase();
            out.write(pending.substring(0, nl + 1));
            pending.delete(0, nl + 1);
            draw();
        }
    }

    @Override
    public void flush() {
        synchronized (lock) {
            out.flush();
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            clearBlock();
            if (pending.length() > 0) {
                out.write(pending.toString());
                pending.setLength(0);
            }
            out.flush();
        }
    }

    private void erase() {
        if (interactive && !block.isEmpty()) {
            out.write("\r\u001b[" + block.size() + "A" + ERASE_DOWN);
        }
    }

    private void draw() {
        for (String line : block) {
            out.write(line);
            out.write('\n');
        }
    }
}
