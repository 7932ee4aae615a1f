package io.hpo4j.studies.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Fitting text to a terminal's width: truncating, wrapping words with a hanging indent. Stateless. */
public final class TextFit {

    private TextFit() {
    }

    /** {@code s} cut to {@code width} characters, ending in "…" if cut. */
    public static String fit(String s, int width) {
        return s.length() <= width ? s : s.substring(0, Math.max(0, width - 1)) + "…";
    }

    /**
     * {@code head} followed by {@code words}, wrapped to {@code width}: continuation lines start
     * with {@code indent} spaces; a word longer than a line is cut.
     */
    public static List<String> wrap(String head, List<String> words, int width, int indent) {
        List<String> lines = new ArrayList<>();
        String pad = " ".repeat(Math.min(indent, width / 2));
        StringBuilder line = new StringBuilder(head);
        int base = head.length(); // the line's length before its first word
        for (String w : words) {
            String sep = line.length() == base && (base == 0 || line.charAt(base - 1) == ' ') ? "" : " ";
            if (line.length() > base && line.length() + sep.length() + w.length() > width) {
                lines.add(line.toString());
                line = new StringBuilder(pad);
                base = pad.length();
                sep = "";
            }
            line.append(sep).append(w);
        }
        lines.add(line.toString());
        return lines.stream().map(l -> fit(l, width)).toList();
    }

    /**
     * A sentence wrapped at spaces to {@code width}, continuation lines indented by {@code indent}
     * spaces, as one string with a line separator between lines (none at the end).
     */
    public static String paragraph(String text, int width, int indent) {
        return String.join(System.lineSeparator(), wrap("", List.of(text.strip().split(" +")), width, indent));
    }

    /** Parameters as {@code name=value} words, numbers in a short form. */
    public static List<String> params(Map<String, Object> params) {
        List<String> out = new ArrayList<>();
        params.forEach((k, v) -> out.add(k + "=" + (v instanceof Double d ? number(d) : v)));
        return out;
    }

    /** A double in 4 significant digits, or scientific notation when small. */
    public static String number(double d) {
        if (!Double.isFinite(d)) {
            return String.valueOf(d);
        }
        return d != 0 && Math.abs(d) < 1e-2 ? String.format(Locale.ROOT, "%.2e", d) : String.format(Locale.ROOT, "%.4g", d)
                .replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
    }
}
