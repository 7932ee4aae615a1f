package io.hpo4j.trainers.data;

/**
 * The examples a study holds back for a final, unbiased estimate: they are never used to train,
 * to validate, to stop early, to prune or to sample, only to evaluate chosen models once the
 * search is over. The set is closed:
 *
 * <ul>
 *   <li>{@link None}: no test part;</li>
 *   <li>{@link Fraction}: a seeded, stratified share of the source, set aside <em>before</em> the
 *       train/validation split (so the split divides what is left);</li>
 *   <li>{@link Separate}: another source, e.g. the IDX {@code t10k} files or a second CSV file.</li>
 * </ul>
 *
 * <pre>{@code
 * TestPart.fraction(0.1, 7)
 * TestPart.separate(DataSource.idxDirectory(dir, IdxPart.TEST))
 * }</pre>
 */
public sealed interface TestPart permits TestPart.None, TestPart.Fraction, TestPart.Separate {

    static None none() {
        return new None();
    }

    static Fraction fraction(double fraction, long seed) {
        return new Fraction(fraction, seed);
    }

    static Separate separate(DataSource source) {
        return new Separate(source);
    }

    /** A short description, as in {@code test fraction(0.1, seed=7)}; empty for none. */
    String describe();

    /** No test part. */
    record None() implements TestPart {
        @Override
        public String describe() {
            return "";
        }
    }

    /** {@code fraction} of each class of the source, drawn with {@code seed}, in (0, 1). */
    record Fraction(double fraction, long seed) implements TestPart {
        public Fraction {
            if (!(fraction > 0 && fraction < 1)) {
                throw new IllegalArgumentException("test fraction must be in (0, 1), but got " + fraction);
            }
        }

        @Override
        public String describe() {
            return "test fraction(" + fraction + ", seed=" + seed + ")";
        }
    }

    /** Every row of {@code source} tests. */
    record Separate(DataSource source) implements TestPart {
        public Separate {
            if (source == null) {
                throw new IllegalArgumentException("separate test source must not be null");
            }
        }

        @Override
        public String describe() {
            return "test " + source.describe();
        }
    }
}
