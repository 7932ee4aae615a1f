package io.hpo4j.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the code between {@code // README-BEGIN} and {@code // README-END}, and the project's README. */
public final class ReadmeSnippets {

    private ReadmeSnippets() {
    }

    /** The marked part of a source file, as the README must show it. */
    public static String snippet(Path source) throws IOException {
        String text = Files.readString(source);
        int begin = text.indexOf("// README-BEGIN\n");
        int end = text.indexOf("// README-END");
        if (begin < 0 || end < begin) {
            throw new IllegalStateException(source + " has no README-BEGIN/README-END markers");
        }
        return text.substring(begin + "// README-BEGIN\n".length(), end);
    }

    /** The README at the repository root (tests run in a module directory). */
    public static String readme() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("README.md"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no README.md above " + Path.of("").toAbsolutePath());
        }
        return Files.readString(dir.resolve("README.md"));
    }
}
