package io.hpo4j.tuner.json;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonTest {

    @Test
    void nestedValuesRoundTrip() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("name", "quote \" backslash \\ newline \n tab \t é");
        value.put("int", 42);
        value.put("long", 12345678901L);
        value.put("double", 0.1);
        value.put("bool", true);
        value.put("null", null);
        value.put("list", Arrays.asList(1, "two", 3.5, false, null));
        value.put("map", Map.of("k", List.of()));
        assertThat(Json.parse(Json.write(value))).isEqualTo(value);
    }

    @Test
    void nonFiniteDoublesAreWrittenAsStrings() {
        assertThat(Json.write(List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)))
                .isEqualTo("[\"NaN\",\"Infinity\",\"-Infinity\"]");
    }

    @Test
    void malformedInputNamesTheOffset() {
        assertThatThrownBy(() -> Json.parse("{\"a\": 1,}"))
                .hasMessage("invalid JSON at offset 8: expected a string key, but found '}'");
        assertThatThrownBy(() -> Json.parse("[1 2]"))
                .hasMessageContaining("expected ']'");
        assertThatThrownBy(() -> Json.parse("1 x")).hasMessageContaining("expected end of input");
    }

    @Test
    void numbersKeepTheirKind() {
        assertThat(Json.parse("7")).isEqualTo(7);
        assertThat(Json.parse("-7.5e-3")).isEqualTo(-7.5e-3);
        assertThat(Json.parse("1.0")).isEqualTo(1.0);
        assertThat(Json.parse("9999999999")).isEqualTo(9999999999L);
    }
}
