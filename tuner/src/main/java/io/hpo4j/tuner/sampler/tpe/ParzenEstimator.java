package io.hpo4j.tuner.sampler.tpe;

import io.hpo4j.tuner.space.CategoricalDistribution;
import io.hpo4j.tuner.space.Distribution;
import io.hpo4j.tuner.space.FloatDistribution;
import io.hpo4j.tuner.space.IntDistribution;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * A mixture of product kernels over some parameters, fitted to observed points as Optuna's TPE
 * fits its Parzen estimators: one kernel per observation plus a prior kernel, mixed with the
 * given weights (the prior with {@code priorWeight}).
 *
 * <ul>
 *   <li>Numbers: a Gaussian truncated to the range (in log space on a log scale; widened by half
 *       a step on each side for ints and stepped floats, whose kernels are integrated over the
 *       step), centred on the observation, as wide as the larger distance to its neighbours among
 *       the sorted observations and the range's ends (the first and last ones ignore the ends
 *       unless {@code considerEndpoints}), clipped to {@code [range / min(100, n + 2), range]}
 *       with the magic clip. The prior kernel is centred on the range and as wide as it.</li>
 *   <li>Categories: each kernel puts weight 1 on its observed choice plus {@code priorWeight / (n + 1)}
 *       on every choice, normalized; the prior kernel is uniform.</li>
 * </ul>
 *
 * <p>Points are given and returned in the distributions' internal representation
 * ({@link Distribution#toInternal}): the value of a number, the index of a choice. Immutable.
 */
final class ParzenEstimator {

    private static final double EPS = 1e-12;

    private final Dimension[] dimensions;
    private final double[] logWeights;
    private final double[] cumulativeWeights;

    /**
     * @param distributions the parameters, in column order
     * @param observations  one row per observed point, one column per parameter (internal values)
     * @param weights       the weight of each row (not normalized, non-negative)
     */
    ParzenEstimator(List<Distribution> distributions, double[][] observations, double[] weights, TpeSettings settings) {
        int n = observations.length;
        double[] mixture = new double[n + 1];
        if (n == 0) {
            mixture[0] = 1;
        } else {
            System.arraycopy(weights, 0, mixture, 0, n);
            mixture[n] = settings.priorWeight();
        }
        double sum = Arrays.stream(mixture).sum();
        logWeights = new double[mixture.length];
        cumulativeWeights = new double[mixture.length];
        double running = 0;
        for (int k = 0; k < mixture.length; k++) {
            double w = mixture[k] / sum;
            logWeights[k] = Math.log(w);
            running += w;
            cumulativeWeights[k] = running;
        }
        dimensions = new Dimension[distributions.size()];
        for (int d = 0; d < dimensions.length; d++) {
            double[] column = new double[n];
            for (int i = 0; i < n; i++) {
                column[i] = observations[i][d];
            }
            Distribution distribution = distributions.get(d);
            dimensions[d] = distribution instanceof CategoricalDistribution c
                    ? Categorical.fit(c.choices().size(), column, settings.priorWeight())
                    : Numeric.fit(distribution, column, settings);
        }
    }

    /** {@code size} points drawn from the mixture, in internal representation (on step, inside the range). */
    double[][] sample(RandomGenerator random, int size) {
        double[][] points = new double[size][dimensions.length];
        for (int s = 0; s < size; s++) {
            int k = component(random.nextDouble());
            for (int d = 0; d < dimensions.length; d++) {
                points[s][d] = dimensions[d].sample(k, random);
            }
        }
        return points;
    }

    private int component(double u) {
        int k = Arrays.binarySearch(cumulativeWeights, u);
        k = k >= 0 ? k + 1 : -k - 1;
        k = Math.min(k, cumulativeWeights.length - 1);
        while (k > 0 && logWeights[k] == Double.NEGATIVE_INFINITY) {
            k--; // a zero-weight prior is never drawn
        }
        return k;
    }

    /** The log density (log probability for discrete parameters) of each point under the mixture. */
    double[] logPdf(double[][] points) {
        int kernels = logWeights.length;
        double[][] terms = new double[points.length][];
        for (int s = 0; s < points.length; s++) {
            terms[s] = logWeights.clone();
        }
        for (int d = 0; d < dimensions.length; d++) {
            dimensions[d].addLogPdf(points, d, terms);
        }
        double[] result = new double[points.length];
        for (int s = 0; s < points.length; s++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < kernels; k++) {
                max = Math.max(max, terms[s][k]);
            }
            if (max == Double.NEGATIVE_INFINITY) {
                result[s] = max;
                continue;
            }
            double total = 0;
            for (int k = 0; k < kernels; k++) {
                total += Math.exp(terms[s][k] - max);
            }
            result[s] = max + Math.log(total);
        }
        return result;
    }

    /** The kernels of one parameter. */
    private sealed interface Dimension permits Numeric, Categorical {
        double sample(int kernel, RandomGenerator random);

        /** Adds, for each point and kernel, this parameter's log density to {@code terms[point][kernel]}. */
        void addLogPdf(double[][] points, int column, double[][] terms);
    }

    /**
     * Truncated Gaussian kernels in the transformed coordinate (log for a log scale), bounded by
     * {@code [low, high]} in that coordinate; {@code step > 0} for discrete parameters.
     */
    private record Numeric(double[] mu, double[] sigma, double[] logNormalizer, double low, double high,
                           boolean log, double step, double externalLow, double externalHigh) implements Dimension {

        static Numeric fit(Distribution distribution, double[] observations, TpeSettings settings) {
            double externalLow;
            double externalHigh;
            double step;
            boolean log;
            if (distribution instanceof FloatDistribution f) {
                externalLow = f.low();
                externalHigh = f.high();
                step = f.step();
                log = f.log();
            } else {
                IntDistribution i = (IntDistribution) distribution;
                externalLow = i.low();
                externalHigh = i.high();
                step = i.step();
                log = i.log();
            }
            double low = externalLow - step / 2;
            double high = externalHigh + step / 2;
            int n = observations.length;
            double[] mus = new double[n + 1];
            for (int i = 0; i < n; i++) {
                mus[i] = log ? Math.log(observations[i]) : observations[i];
            }
            if (log) {
                low = Math.log(low);
                high = Math.log(high);
            }
            double[] sigmas = new double[n + 1];
            if (n > 0) {
                double[] widths = widths(Arrays.copyOf(mus, n), low, high, settings);
                System.arraycopy(widths, 0, sigmas, 0, n);
            }
            mus[n] = 0.5 * (low + high);
            sigmas[n] = high - low;
            double[] normalizer = new double[n + 1];
            for (int k = 0; k <= n; k++) {
                double mass = Gaussian.logMass((low - mus[k]) / sigmas[k], (high - mus[k]) / sigmas[k]);
                // Continuous kernels are densities (divided by sigma); discrete ones are masses.
                normalizer[k] = step > 0 ? mass : mass + Math.log(sigmas[k]);
            }
            return new Numeric(mus, sigmas, normalizer, low, high, log, step, externalLow, externalHigh);
        }

        /** Each observation's kernel width: the larger gap to its sorted neighbours, clipped. */
        private static double[] widths(double[] mus, double low, double high, TpeSettings settings) {
            int n = mus.length;
            int[] order = argsort(mus);
            double[] sorted = new double[n + 2];
            sorted[0] = low;
            for (int i = 0; i < n; i++) {
                sorted[i + 1] = mus[order[i]];
            }
            sorted[n + 1] = high;
            double[] sortedSigmas = new double[n];
            for (int i = 0; i < n; i++) {
                sortedSigmas[i] = Math.max(sorted[i + 1] - sorted[i], sorted[i + 2] - sorted[i + 1]);
            }
            if (!settings.considerEndpoints() && n >= 2) {
                sortedSigmas[0] = sorted[2] - sorted[1];
                sortedSigmas[n - 1] = sorted[n] - sorted[n - 1];
            }
            double max = high - low;
            double min = settings.considerMagicClip() ? (high - low) / Math.min(100.0, n + 2.0) : EPS;
            double[] sigmas = new double[n];
            for (int i = 0; i < n; i++) {
                sigmas[order[i]] = Math.min(max, Math.max(min, sortedSigmas[i]));
            }
            return sigmas;
        }

        /** The indices of {@code values} in ascending order of value (a merge sort: stable, primitive). */
        static int[] argsort(double[] values) {
            int n = values.length;
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            int[] buffer = new int[n];
            for (int width = 1; width < n; width *= 2) {
                for (int lo = 0; lo < n - width; lo += 2 * width) {
                    int mid = lo + width;
                    int hi = Math.min(lo + 2 * width, n);
                    int i = lo;
                    int j = mid;
                    int k = lo;
                    while (i < mid && j < hi) {
                        buffer[k++] = values[order[j]] < values[order[i]] ? order[j++] : order[i++];
                    }
                    while (i < mid) {
                        buffer[k++] = order[i++];
                    }
                    while (j < hi) {
                        buffer[k++] = order[j++];
                    }
                    System.arraycopy(buffer, lo, order, lo, hi - lo);
                }
            }
            return order;
        }

        @Override
        public double sample(int kernel, RandomGenerator random) {
            double m = mu[kernel];
            double s = sigma[kernel];
            double z = Gaussian.truncatedQuantile(random.nextDouble(), (low - m) / s, (high - m) / s);
            double v = m + s * z;
            if (log) {
                v = Math.exp(v);
            }
            if (step > 0) {
                v = externalLow + Math.rint((v - externalLow) / step) * step;
            }
            return Math.min(externalHigh, Math.max(externalLow, v));
        }

        @Override
        public void addLogPdf(double[][] points, int column, double[][] terms) {
            int kernels = mu.length;
            if (step == 0) {
                for (int s = 0; s < points.length; s++) {
                    double x = log ? Math.log(points[s][column]) : points[s][column];
                    double[] row = terms[s];
                    for (int k = 0; k < kernels; k++) {
                        double z = (x - mu[k]) / sigma[k];
                        row[k] += Gaussian.logPdf(z) - logNormalizer[k];
                    }
                }
                return;
            }
            // A discrete value's probability is its kernel's mass over [x - step/2, x + step/2];
            // candidates often repeat a value, so each distinct one is computed once.
            Map<Double, double[]> byValue = new HashMap<>();
            for (int s = 0; s < points.length; s++) {
                double value = points[s][column];
                double[] masses = byValue.computeIfAbsent(value, this::logMasses);
                double[] row = terms[s];
                for (int k = 0; k < kernels; k++) {
                    row[k] += masses[k];
                }
            }
        }

        private double[] logMasses(double value) {
            double left = value - step / 2;
            double right = value + step / 2;
            if (log) {
                left = Math.log(left);
                right = Math.log(right);
            }
            double[] masses = new double[mu.length];
            for (int k = 0; k < mu.length; k++) {
                masses[k] = Gaussian.logMass((left - mu[k]) / sigma[k], (right - mu[k]) / sigma[k]) - logNormalizer[k];
            }
            return masses;
        }
    }

    /**
     * Categorical kernels: kernel {@code k < n} gives its observed choice {@code (1 + prior / K) / Z}
     * and every other choice {@code (prior / K) / Z}, with {@code K = n + 1} kernels and
     * {@code Z = 1 + choices * prior / K}; the prior kernel {@code n} is uniform. Kept as the
     * observed indices and three numbers, not a matrix.
     */
    private record Categorical(int[] observed, int choices, double logHit, double logMiss)
            implements Dimension {

        static Categorical fit(int choices, double[] observations, double priorWeight) {
            int n = observations.length;
            int[] observed = new int[n];
            for (int i = 0; i < n; i++) {
                observed[i] = (int) observations[i];
            }
            double share = priorWeight / (n + 1);
            double z = 1 + choices * share;
            return new Categorical(observed, choices, Math.log((1 + share) / z), Math.log(share / z));
        }

        /** Inverts the kernel's CDF over the choices at one uniform draw. */
        @Override
        public double sample(int kernel, RandomGenerator random) {
            double u = random.nextDouble();
            boolean prior = kernel == observed.length;
            double hit = prior ? 1.0 / choices : Math.exp(logHit);
            double miss = prior ? 1.0 / choices : Math.exp(logMiss);
            int target = prior ? -1 : observed[kernel];
            double cumulative = 0;
            for (int c = 0; c < choices - 1; c++) {
                cumulative += c == target ? hit : miss;
                if (cumulative >= u) {
                    return c;
                }
            }
            return choices - 1;
        }

        @Override
        public void addLogPdf(double[][] points, int column, double[][] terms) {
            double logUniform = -Math.log(choices);
            for (int s = 0; s < points.length; s++) {
                int choice = (int) points[s][column];
                double[] row = terms[s];
                for (int k = 0; k < observed.length; k++) {
                    row[k] += observed[k] == choice ? logHit : logMiss;
                }
                row[observed.length] += logUniform;
            }
        }
    }
}
