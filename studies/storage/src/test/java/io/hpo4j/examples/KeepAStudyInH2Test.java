package io.hpo4j.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's H2 example compiles (it is this module's test code), resumes on a second run, and is the one the README shows. */
class KeepAStudyInH2Test {

    @Test
    void exampleStoresTheStudyResumesItAndPrintsTheFunctionsOwnParameters(@TempDir Path dir) {
        String url = "jdbc:h2:file:" + dir.resolve("functions");
        List<String> first = run(url);
        List<String> second = run(url);

        assertThat(first.get(0).split("\\s+")).containsExactly("rank", "trial", "state", "value", "x", "y");
        assertThat(first).hasSize(7).last().isEqualTo("20 trials stored in " + url);
        assertThat(second).last().isEqualTo("40 trials stored in " + url);
        assertThat(second.get(1)).startsWith("1 ").contains("COMPLETE");
        double best = Double.parseDouble(second.get(1).split("\\s+")[3]);
        assertThat(best).isBetween(0.397887, 10.0);
        assertThat(String.join("\n", second)).doesNotContain("epoch", "learning_rate");
    }

    @Test
    void readmeShowsThisExampleVerbatim() throws IOException {
        assertThat(ReadmeSnippets.readme()).contains(ReadmeSnippets.snippet(
                Path.of("src/test/java/io/hpo4j/examples/KeepAStudyInH2.java")));
    }

    private static List<String> run(String url) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true));
        try {
            KeepAStudyInH2.main(new String[] {url});
        } finally {
            System.setOut(original);
        }
        return captured.toString().lines().toList();
    }
}
