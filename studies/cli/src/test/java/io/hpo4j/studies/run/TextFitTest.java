package io.hpo4j.studies.run;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextFitTest {

    @Test
    void aParagraphWrapsAtSpacesWithAHangingIndentAndKeepsEveryWord() {
        String text = "data: mnist-10k (bundled), random(0.2, seed=7, stratified), scaling=none, test fraction(0.1, seed=7)";
        String wrapped = TextFit.paragraph(text, 40, 6);
        assertThat(wrapped.lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(40));
        assertThat(wrapped.lines().skip(1)).allSatisfy(l -> assertThat(l).startsWith("      "));
        assertThat(wrapped.replaceAll("\\s+", " ")).isEqualTo(text);
    }

    @Test
    void aShortParagraphIsOneLine() {
        assertThat(TextFit.paragraph("study demo: maximize validation_accuracy", 80, 6))
                .isEqualTo("study demo: maximize validation_accuracy");
    }
}
