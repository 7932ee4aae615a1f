package io.hpo4j.studies.run;

import java.util.ArrayList;
import java.util.List;

/**
 * What a terminal shows after some output: its lines, with every status block that was erased
 * (carriage return, cursor up N, erase to the end of the screen, as {@link LiveConsole} writes
 * them) taken away.
 */
public final class TerminalScreen {

    private TerminalScreen() {
    }

    public static List<String> lines(String written) {
        List<String> lines = new ArrayList<>();
        int i = 0;
        StringBuilder line = new StringBuilder();
        while (i < written.length()) {
            if (written.startsWith("\r\u001b[", i)) {
                int a = written.indexOf('A', i);
                int up = Integer.parseInt(written.substring(i + 3, a));
                lines.subList(lines.size() - up, lines.size()).clear();
                i = written.indexOf('J', a) + 1;
            } else if (written.charAt(i) == '\n') {
                lines.add(line.toString());
                line.setLength(0);
                i++;
            } else if (written.charAt(i) != '\r') {
                line.append(written.charAt(i++));
            } else {
                i++;
            }
        }
        return lines;
    }
}
