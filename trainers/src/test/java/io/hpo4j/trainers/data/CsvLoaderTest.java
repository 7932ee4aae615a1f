package io.hpo4j.trainers.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvLoaderTest {

    @TempDir
    Path dir;

    private Path csv(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void readsAHeaderAndMapsStringLabelsToSortedClassIndices() throws IOException {
        Path file = csv("iris.csv", """
                sepal_length,sepal_width,species
                5.1,3.5,setosa
                7.0,3.2,versicolor
                6.3,3.3,virginica
                4.9,3.0,setosa
                """);

        LabeledDataset d = CsvLoader.load(file, CsvFormat.labelNamed("species"));

        assertThat(d.name()).isEqualTo("iris.csv");
        assertThat(d.size()).isEqualTo(4);
        assertThat(d.numFeatures()).isEqualTo(2);
        assertThat(d.classNames()).containsExactly("setosa", "versicolor", "virginica");
        assertThat(d.labels()).containsExactly(0, 1, 2, 0);
        assertThat(d.row(1)).containsExactly(7.0f, 3.2f);
        assertThat(d.contentHash()).hasSize(64);
    }

    @Test
    void detectsThatTheFirstLineIsDataWhenEveryFeatureIsNumeric() throws IOException {
        Path file = csv("plain.csv", "1,0.5,2\n3,1.5,0\n\n5,2.5,10\n");

        LabeledDataset d = CsvLoader.load(file, CsvFormat.labelAt(-1));

        assertThat(d.size()).isEqualTo(3);
        // integer labels are sorted numerically: 0 < 2 < 10 (not "0" < "10" < "2")
        assertThat(d.classNames()).containsExactly("0", "2", "10");
        assertThat(d.labels()).containsExactly(1, 0, 2);
        assertThat(d.row(0)).containsExactly(1f, 0.5f);
    }

    @Test
    void anExplicitHeaderModeOverridesDetection() throws IOException {
        Path file = csv("nums.csv", "1,2,3\n4,5,6\n");

        assertThat(CsvLoader.load(file, CsvFormat.labelAt(0).withHeader(CsvFormat.Header.PRESENT)).size()).isEqualTo(1);
        assertThat(CsvLoader.load(file, CsvFormat.labelAt(0).withHeader(CsvFormat.Header.ABSENT)).size()).isEqualTo(2);
    }

    @Test
    void labelColumnByIndexMayBeAnyColumnAndQuotedFieldsMayHoldTheDelimiter() throws IOException {
        Path file = csv("q.csv", "\"a, b\",1.5,2\n\"c\"\"d\",2.5,3\n");

        LabeledDataset d = CsvLoader.load(file, CsvFormat.labelAt(0));

        assertThat(d.classNames()).containsExactly("a, b", "c\"d");
        assertThat(d.row(1)).containsExactly(2.5f, 3f);
    }

    @Test
    void aBadCellIsAnErrorNamingFileLineColumnAndValue() throws IOException {
        Path file = csv("bad.csv", """
                x,y,label
                1,2,a
                3,oops,b
                """);

        assertThatThrownBy(() -> CsvLoader.load(file, CsvFormat.labelNamed("label")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("bad.csv:3: feature column 2 ('y') is 'oops', but must be a finite number");
    }

    @Test
    void nonFiniteFeaturesAreRejected() throws IOException {
        Path file = csv("nan.csv", "1,2,a\nNaN,2,b\n");

        assertThatThrownBy(() -> CsvLoader.load(file, CsvFormat.labelAt(-1).withHeader(CsvFormat.Header.ABSENT)))
                .hasMessageContaining("nan.csv:2: feature column 1 is 'NaN'");
    }

    @Test
    void aRowWithTheWrongNumberOfColumnsIsAnErrorNamingItsLine() throws IOException {
        Path file = csv("short.csv", "1,2,a\n3,b\n");

        assertThatThrownBy(() -> CsvLoader.load(file, CsvFormat.labelAt(-1)))
                .hasMessageContaining("short.csv:2: expected 3 columns (as in the first line), but found 2");
    }

    @Test
    void anEmptyLabelIsAnError() throws IOException {
        Path file = csv("empty.csv", "1,2,a\n3,4,\n");

        assertThatThrownBy(() -> CsvLoader.load(file, CsvFormat.labelAt(-1)))
                .hasMessageContaining("empty.csv:2: label column 3 is empty");
    }

    @Test
    void anUnknownLabelColumnNameListsTheColumns() throws IOException {
        Path file = csv("h.csv", "x,y,class\n1,2,a\n");

        assertThatThrownBy(() -> CsvLoader.load(file, CsvFormat.labelNamed("species")))
                .hasMessageContaining("no column named 'species'")
                .hasMessageContaining("[x, y, class]");
    }

    @Test
    void aLabelIndexOutsideTheColumnsIsAnError() throws IOException {
        Path file = csv("i.csv", "1,2,a\n");

        assertThatThrownBy(() -> CsvLoader.load(file, CsvFormat.labelAt(5)))
                .hasMessageContaining("label column index 5 is outside the file's 3 columns");
    }

    @Test
    void aLabelByNameCannotBeCombinedWithNoHeader() {
        assertThatThrownBy(() -> CsvFormat.labelNamed("y").withHeader(CsvFormat.Header.ABSENT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a header");
    }

    @Test
    void aHeaderWithoutRowsIsAnError() throws IOException {
        Path file = csv("none.csv", "x,label\n");

        assertThatThrownBy(() -> CsvLoader.load(file, CsvFormat.labelNamed("label")))
                .hasMessageContaining("none.csv: has no data rows after its header");
    }

    /** The first lines of scikit-learn's raw wine_data.csv: a preamble, then 13 features and the class. */
    private static final String WINE = """
            178,13,class_0,class_1,class_2
            14.23,1.71,2.43,15.6,127,2.8,3.06,.28,2.29,5.64,1.04,3.92,1065,0
            13.2,1.78,2.14,11.2,100,2.65,2.76,.26,1.28,4.38,1.05,3.4,1050,0
            12.37,.94,1.36,10.6,88,1.98,.57,.28,.42,1.95,1.05,1.82,520,1
            13.71,5.65,2.45,20.5,95,1.68,.61,.52,1.06,7.7,.64,1.74,740,2
            """;

    @Test
    void aPreambleLineShorterThanTheRowsIsNamedAsTheCauseWithTheFix() throws IOException {
        Path file = csv("wine_data.csv", WINE);

        assertThatThrownBy(() -> CsvLoader.load(file, CsvFormat.labelAt(-1)))
                .isInstanceOf(IOException.class)
                .hasMessage(file + ":1: this line has 5 fields, but line 2 has 14, so it is neither a header nor a row"
                        + " of this table. If it is a preamble (scikit-learn's raw CSV files start with a line"
                        + " 'n_samples,n_features,class names...'), skip it with skip_rows: 1 in the dataset section");
    }

    @Test
    void skipRowsSkipsAPreamble() throws IOException {
        Path file = csv("wine_data.csv", WINE);

        LabeledDataset wine = CsvLoader.load(file, CsvFormat.labelAt(-1).withSkipRows(1));
        assertThat(wine.size()).isEqualTo(4);
        assertThat(wine.numFeatures()).isEqualTo(13);
        assertThat(wine.classNames()).containsExactly("0", "1", "2");
    }

    @Test
    void quotedFieldsFollowRfc4180WithDelimitersQuotesAndLineBreaksInside() throws IOException {
        Path file = csv("q.csv", "x,y,label\r\n1,2,\"a, \"\"quoted\"\"\nlabel\"\r\n3,4,b\r\n");

        LabeledDataset d = CsvLoader.load(file, CsvFormat.labelNamed("label"));
        assertThat(d.classNames()).containsExactly("a, \"quoted\"\nlabel", "b");
    }

    @Test
    void aNegativeSkipRowsIsRejected() {
        assertThatThrownBy(() -> CsvFormat.labelAt(-1).withSkipRows(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CSV skip_rows must be >= 0, but got -1");
    }
}
