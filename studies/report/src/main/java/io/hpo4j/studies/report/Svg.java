package io.hpo4j.studies.report;

import java.util.List;
import java.util.Locale;

/**
 * A small writer of inline SVG for the HTML report: shapes and text in pixel coordinates, with
 * optional tooltips ({@code <title>}). Not thread-safe; one per chart.
 */
final class Svg {

    private final StringBuilder sb = new StringBuilder();

    Svg(int width, int height, String label) {
        sb.append("<svg class=\"chart\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" role=\"img\" aria-label=\"").append(esc(label)).append("\">");
    }

    Svg line(double x1, double y1, double x2, double y2, String stroke, double width, String dash) {
        sb.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2))
                .append("\" y2=\"").append(n(y2)).append("\" stroke=\"").append(stroke).append("\" stroke-width=\"")
                .append(n(width)).append('"');
        dash(dash);
        sb.append("/>");
        return this;
    }

    Svg polyline(List<double[]> points, String stroke, double width, String dash, double opacity, String title) {
        if (points.isEmpty()) {
            return this;
        }
        sb.append("<polyline fill=\"none\" stroke=\"").append(stroke).append("\" stroke-width=\"").append(n(width))
                .append("\" stroke-linejoin=\"round\" stroke-linecap=\"round\"");
        if (opacity < 1) {
            sb.append(" stroke-opacity=\"").append(n(opacity)).append('"');
        }
        dash(dash);
        sb.append(" points=\"");
        for (double[] p : points) {
            sb.append(n(p[0])).append(',').append(n(p[1])).append(' ');
        }
        sb.setLength(sb.length() - 1);
        sb.append('"');
        close(title);
        return this;
    }

    Svg circle(double cx, double cy, double r, String fill, String stroke, double opacity, String title) {
        sb.append("<circle cx=\"").append(n(cx)).append("\" cy=\"").append(n(cy)).append("\" r=\"").append(n(r))
                .append("\" fill=\"").append(fill).append('"');
        if (stroke != null) {
            sb.append(" stroke=\"").append(stroke).append("\" stroke-width=\"1.5\"");
        }
        if (opacity < 1) {
            sb.append(" fill-opacity=\"").append(n(opacity)).append('"');
        }
        close(title);
        return this;
    }

    /** A diamond of half-diagonal {@code r} centred on (cx, cy). */
    Svg diamond(double cx, double cy, double r, String fill, String title) {
        sb.append("<path d=\"M").append(n(cx)).append(',').append(n(cy - r)).append(" L").append(n(cx + r)).append(',')
                .append(n(cy)).append(" L").append(n(cx)).append(',').append(n(cy + r)).append(" L").append(n(cx - r))
                .append(',').append(n(cy)).append(" Z\" fill=\"").append(fill).append("\" stroke=\"#fff\" stroke-width=\"1.2\"");
        close(title);
        return this;
    }

    /** An x-shaped cross of half-size {@code r}. */
    Svg cross(double cx, double cy, double r, String stroke, String title) {
        sb.append("<path d=\"M").append(n(cx - r)).append(',').append(n(cy - r)).append(" L").append(n(cx + r)).append(',')
                .append(n(cy + r)).append(" M").append(n(cx - r)).append(',').append(n(cy + r)).append(" L")
                .append(n(cx + r)).append(',').append(n(cy - r)).append("\" stroke=\"").append(stroke)
                .append("\" stroke-width=\"2\" fill=\"none\"");
        close(title);
        return this;
    }

    Svg rect(double x, double y, double w, double h, String fill, String title) {
        sb.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(Math.max(0, w)))
                .append("\" height=\"").append(n(Math.max(0, h))).append("\" fill=\"").append(fill).append('"');
        close(title);
        return this;
    }

    /** Text; {@code anchor} is start, middle or end; {@code rotate} in degrees around (x, y). */
    Svg text(double x, double y, String text, String anchor, double size, String fill, boolean bold, double rotate) {
        sb.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" text-anchor=\"").append(anchor)
                .append("\" font-size=\"").append(n(size)).append("\" fill=\"").append(fill).append('"');
        if (bold) {
            sb.append(" font-weight=\"600\"");
        }
        if (rotate != 0) {
            sb.append(" transform=\"rotate(").append(n(rotate)).append(' ').append(n(x)).append(' ').append(n(y)).append(")\"");
        }
        sb.append('>').append(esc(text)).append("</text>");
        return this;
    }

    Svg text(double x, double y, String text, String anchor, double size, String fill) {
        return text(x, y, text, anchor, size, fill, false, 0);
    }

    /** Raw SVG markup (gradients and the like); the caller escapes. */
    Svg raw(String markup) {
        sb.append(markup);
        return this;
    }

    String end() {
        return sb + "</svg>";
    }

    private void dash(String dash) {
        if (dash != null && !dash.isEmpty()) {
            sb.append(" stroke-dasharray=\"").append(dash).append('"');
        }
    }

    private void close(String title) {
        if (title == null) {
            sb.append("/>");
        } else {
            int space = sb.lastIndexOf("<") + 1;
            String tag = sb.substring(space, sb.indexOf(" ", space));
            sb.append("><title>").append(esc(title)).append("</title></").append(tag).append('>');
        }
    }

    static String n(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** Escapes text for HTML and XML content and attributes. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
