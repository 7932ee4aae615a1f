package io.hpo4j.studies.storage;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MigrationsTest {

    @Test
    void scriptsAreSplitAtSemicolonsOutsideQuotesAndComments() {
        String script = """
                -- a comment; with a semicolon
                CREATE TABLE a (x INTEGER); -- trailing; comment
                COMMENT ON TABLE a IS 'it''s a table; really';

                INSERT INTO a VALUES (1)
                """;
        assertThat(Migrations.statements(script)).containsExactly(
                "CREATE TABLE a (x INTEGER)",
                "COMMENT ON TABLE a IS 'it''s a table; really'",
                "INSERT INTO a VALUES (1)");
    }

    @Test
    void anUnterminatedQuoteIsAnError() {
        assertThatThrownBy(() -> Migrations.statements("COMMENT ON TABLE a IS 'oops;"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unterminated quote");
    }

    @Test
    void theListedScriptsAreExactlyTheScriptsInTheResources() throws IOException, URISyntaxException {
        URL url = Migrations.class.getResource(Migrations.RESOURCE_DIRECTORY);
        assertThat(url).isNotNull();
        List<String> files;
        try (Stream<Path> list = Files.list(Path.of(url.toURI()))) {
            files = list.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertThat(Migrations.SCRIPTS).containsExactlyInAnyOrderElementsOf(files);
        assertThat(Migrations.migrations()).extracting(Migrations.Migration::version).containsExactly(1, 2, 3, 10, 11, 20);
        assertThat(Migrations.migrations().get(0).sql()).contains("CREATE TABLE IF NOT EXISTS trial_epochs");
    }
}
