package io.hpo4j.tuner.sampler.genetic;

import io.hpo4j.tuner.space.CategoricalDistribution;
import io.hpo4j.tuner.space.Distribution;
import io.hpo4j.tuner.space.FloatDistribution;
import io.hpo4j.tuner.space.IntDistribution;
import io.hpo4j.tuner.space.SearchSpace;
import io.jenetics.DoubleChromosome;
import io.jenetics.DoubleGene;
import io.jenetics.Genotype;
import io.jenetics.util.RandomRegistry;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SearchSpaceCodecTest {

    private final SearchSpace space = Spaces.everyKind();
    private final SearchSpaceCodec codec = new SearchSpaceCodec(space);

    @Test
    void layoutPutsNumbersInTheFirstChromosomeAndCategoriesInTheSecond() {
        assertThat(codec.numericParameters()).containsExactly("float", "log_float", "stepped_float", "int",
                "stepped_int", "log_int", "single_int", "single_float", "single_log_float");
        assertThat(codec.categoricalParameters()).containsExactly("category", "mixed_choices", "single_choice");
        assertThat(codec.numericChromosome()).isZero();
        assertThat(codec.categoricalChromosome()).isEqualTo(1);

        SearchSpaceCodec categoriesOnly = new SearchSpaceCodec(SearchSpace.builder().addCategorical("c", "a", "b").build());
        assertThat(categoriesOnly.numericChromosome()).isEqualTo(-1);
        assertThat(categoriesOnly.categoricalChromosome()).isZero();
        assertThat(categoriesOnly.encode(Map.of("c", "b")).length()).isEqualTo(1);
    }

    @Test
    void roundTripIsExactForEveryIntStepAndChoice() {
        for (Map.Entry<String, Distribution> e : space.distributions().entrySet()) {
            for (Object value : discreteValues(e.getValue())) {
                Map<String, Object> params = withValue(e.getKey(), value);
                Map<String, Object> decoded = codec.decode(codec.encode(params));
                assertThat(decoded.get(e.getKey())).as("%s=%s", e.getKey(), value).isEqualTo(value);
                assertThat(decoded).isEqualTo(params);
            }
        }
    }

    @Test
    void roundTripKeepsContinuousFloatsToAFewUlpsIncludingTheBounds() {
        SplittableRandom random = new SplittableRandom(1);
        for (String name : List.of("float", "log_float")) {
            FloatDistribution d = (FloatDistribution) space.get(name);
            List<Double> values = new ArrayList<>(List.of(d.low(), d.high()));
            for (int i = 0; i < 200; i++) {
                values.add((Double) d.sample(random));
            }
            for (double value : values) {
                Object decoded = codec.decode(codec.encode(withValue(name, value))).get(name);
                assertThat(d.contains(decoded)).as("%s=%s decodes to %s", name, value, decoded).isTrue();
                assertThat((Double) decoded).as("%s=%s", name, value).isCloseTo(value, within(1e-12 * Math.max(1, Math.abs(value))));
            }
        }
    }

    @Test
    void encodedGenesLieInTheUnitInterval() {
        SplittableRandom random = new SplittableRandom(2);
        for (int i = 0; i < 200; i++) {
            Genotype<DoubleGene> genotype = codec.encode(space.sample(random));
            assertThat(genotype.isValid()).isTrue();
            genotype.forEach(chromosome -> chromosome.forEach(gene ->
                    assertThat(gene.doubleValue()).isGreaterThanOrEqualTo(0.0).isLessThan(1.0)));
        }
        Map<String, Object> highest = new LinkedHashMap<>(space.sample(random));
        highest.put("float", 1.0);
        highest.put("log_float", 1.0);
        assertThat(codec.encode(highest).isValid()).isTrue();
    }

    @Test
    void anyGenotypeDecodesToValidParametersIncludingGenesAtAndBeyondTheEdges() {
        for (int seed = 0; seed < 20; seed++) {
            for (int i = 0; i < 50; i++) {
                Genotype<DoubleGene> genotype = RandomRegistry.with(new SplittableRandom(seed * 1000L + i),
                        r -> codec.encoding().newInstance());
                assertAllValid(codec.decode(genotype));
            }
        }
        for (double edge : new double[] {0.0, Math.nextDown(1.0), 1.0, -0.5, 1.5}) {
            Map<String, Object> decoded = codec.decode(constant(edge));
            assertAllValid(decoded);
            if (edge <= 0) {
                assertThat(decoded.get("int")).isEqualTo(-3);
                assertThat(decoded.get("log_float")).isEqualTo(1e-5);
                assertThat(decoded.get("category")).isEqualTo("a");
            } else if (edge >= Math.nextDown(1.0)) {
                assertThat(decoded.get("int")).isEqualTo(3);
                assertThat(decoded.get("stepped_int")).isEqualTo(100);
                assertThat(decoded.get("log_int")).isEqualTo(1000);
                assertThat(decoded.get("mixed_choices")).isEqualTo(true);
            }
        }
    }

    @Test
    void singleValueRangesAndASingleChoiceAlwaysDecodeToTheirOnlyValue() {
        for (double gene : new double[] {0.0, 0.3, 0.99}) {
            Map<String, Object> decoded = codec.decode(constant(gene));
            assertThat(decoded).containsEntry("single_choice", "only").containsEntry("single_int", 5)
                    .containsEntry("single_float", 2.5);
            assertThat((Double) decoded.get("single_log_float")).isCloseTo(3.0, within(1e-12));
        }
    }

    @Test
    void uniformGenesDrawEachGridPointChoiceAndLogDecadeEvenly() {
        int n = 4000;
        Map<Object, Integer> ints = new HashMap<>();
        Map<Object, Integer> choices = new HashMap<>();
        int logBelowMiddle = 0;
        for (int i = 0; i < n; i++) {
            final int k = i;
            Map<String, Object> params = codec.decode(RandomRegistry.with(new SplittableRandom(k),
                    r -> codec.encoding().newInstance()));
            ints.merge(params.get("int"), 1, Integer::sum);
            choices.merge(params.get("category"), 1, Integer::sum);
            if ((Double) params.get("log_float") < Math.sqrt(1e-5)) {
                logBelowMiddle++;
            }
        }
        assertThat(ints).hasSize(7);
        ints.values().forEach(count -> assertThat(count / (double) n).isCloseTo(1 / 7.0, within(0.025)));
        assertThat(choices).hasSize(3);
        choices.values().forEach(count -> assertThat(count / (double) n).isCloseTo(1 / 3.0, within(0.03)));
        assertThat(logBelowMiddle / (double) n).as("share below the geometric middle").isCloseTo(0.5, within(0.03));
    }

    @Test
    void encodeNamesAMissingOrInvalidParameter() {
        Map<String, Object> params = new LinkedHashMap<>(space.sample(new SplittableRandom(3)));
        params.remove("stepped_int");
        assertThatThrownBy(() -> codec.encode(params)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("stepped_int: missing");
        params.put("stepped_int", 30);
        assertThatThrownBy(() -> codec.encode(params)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("stepped_int: expected an integer in int[0, 100] step 25, but got 30");
    }

    @Test
    void decodeRejectsAGenotypeOfAnotherShape() {
        Genotype<DoubleGene> wrong = Genotype.of(DoubleChromosome.of(0, 1, 3));
        assertThatThrownBy(() -> codec.decode(wrong)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must have 2 chromosome(s)");
    }

    @Test
    void emptySpaceIsRejected() {
        assertThatThrownBy(() -> new SearchSpaceCodec(SearchSpace.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be empty");
    }

    private void assertAllValid(Map<String, Object> params) {
        assertThat(params.keySet()).containsExactlyElementsOf(space.names());
        params.forEach((name, value) ->
                assertThat(space.get(name).contains(value)).as("%s=%s in %s", name, value, space.get(name).describe()).isTrue());
    }

    /** A genotype of this codec's shape whose every gene is {@code value} (even outside [0, 1)). */
    private Genotype<DoubleGene> constant(double value) {
        DoubleGene[] numeric = new DoubleGene[codec.numericParameters().size()];
        DoubleGene[] categorical = new DoubleGene[codec.categoricalParameters().size()];
        java.util.Arrays.fill(numeric, DoubleGene.of(value, 0, 1));
        java.util.Arrays.fill(categorical, DoubleGene.of(value, 0, 1));
        return Genotype.of(DoubleChromosome.of(numeric), DoubleChromosome.of(categorical));
    }

    private Map<String, Object> withValue(String name, Object value) {
        Map<String, Object> params = new LinkedHashMap<>(space.sample(new SplittableRandom(name.hashCode())));
        params.put(name, value);
        return params;
    }

    private static List<Object> discreteValues(Distribution d) {
        List<Object> values = new ArrayList<>();
        if (d instanceof IntDistribution i) {
            for (long v = i.low(); v <= i.high(); v += i.step()) {
                values.add((int) v);
            }
        } else if (d instanceof FloatDistribution f && f.hasStep()) {
            long steps = Math.round((f.high() - f.low()) / f.step());
            for (long k = 0; k <= steps; k++) {
                values.add(f.canonical(f.low() + k * f.step()));
            }
        } else if (d instanceof FloatDistribution f && f.isSingle()) {
            if (!f.log()) {
                values.add(f.low());
            }
        } else if (d instanceof CategoricalDistribution c) {
            values.addAll(c.choices());
        }
        return values;
    }
}
