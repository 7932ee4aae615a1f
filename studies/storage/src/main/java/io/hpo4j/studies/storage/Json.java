package io.hpo4j.studies.storage;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;

import java.io.IOException;
import java.util.Map;

/**
 * hpo4j's one owner of JSON, on Jackson: how attributes, search spaces and parameter values are
 * stored ({@link #write}, {@link #parse}), and how commands print JSON for other programs
 * ({@link #writeStrict}).
 *
 * <p>Stored JSON keeps NaN, Infinity and -Infinity as the number tokens {@code NaN},
 * {@code Infinity} and {@code -Infinity} (as Python's {@code json} module and Optuna write them)
 * and reads them back as {@link Double}s. Strict JSON, for output, writes them as {@code null}.
 * Reading gives {@link java.util.LinkedHashMap}s, {@link java.util.ArrayList}s, strings,
 * booleans, null, {@link Integer} or {@link Long} for whole numbers and {@link Double} otherwise.
 * Thread-safe.
 */
public final class Json {

    private static final ObjectMapper STORED = JsonMapper.builder()
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .addModule(new SimpleModule("non-finite as null")
                    .addSerializer(Double.class, new FiniteOrNull<>())
                    .addSerializer(Float.class, new FiniteOrNull<>()))
            .build();

    private Json() {
    }

    /** {@code value} as compact JSON, non-finite numbers as number tokens (for storage). */
    public static String write(Object value) {
        return write(STORED, value);
    }

    /** {@code value} as compact standard JSON, non-finite numbers as {@code null} (for output). */
    public static String writeStrict(Object value) {
        return write(STRICT, value);
    }

    /**
     * Parses one JSON value, standard or as {@link #write} wrote it.
     *
     * @throws IllegalArgumentException naming the problem and where it is
     */
    public static Object parse(String text) {
        try {
            return STORED.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage() + " at " + location(e)
                    + " in " + abbreviate(text), e);
        }
    }

    /** Parses a JSON object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(String text) {
        Object value = parse(text);
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException("expected a JSON object, but got " + abbreviate(text));
        }
        return (Map<String, Object>) value;
    }

    private static String write(ObjectMapper mapper, Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + abbreviate(String.valueOf(value)) + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "?" : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }

    private static String abbreviate(String text) {
        return text == null ? "null" : text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    private static final class FiniteOrNull<T extends Number> extends JsonSerializer<T> {
        @Override
        public void serialize(T value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            double d = value.doubleValue();
            if (Double.isFinite(d)) {
                gen.writeNumber(d);
            } else {
                gen.writeNull();
            }
        }
    }
}
