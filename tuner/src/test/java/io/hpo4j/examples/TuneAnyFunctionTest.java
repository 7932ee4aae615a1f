package io.hpo4j.examples;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's first Java example compiles (it is this module's code), runs, and is the one the README shows. */
class TuneAnyFunctionTest {

    @Test
    void exampleRunsAndFindsTheMinimumRegion() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true));
        try {
            TuneAnyFunction.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        String line = captured.toString().trim();
        assertThat(line).startsWith("best value ").contains("shape=bowl");
        double best = Double.parseDouble(line.substring("best value ".length(), line.indexOf(' ', "best value ".length())));
        assertThat(best).isLessThan(1.0);
    }

    @Test
    void readmeShowsThisExampleVerbatim() throws IOException {
        assertThat(ReadmeSnippets.readme()).contains(ReadmeSnippets.snippet(
                Path.of("src/test/java/io/hpo4j/examples/TuneAnyFunction.java")));
    }
}
