package io.hpo4j.tuner.sampler.tpe;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GaussianTest {

    @Test
    void cdfMatchesTabulatedValues() {
        assertThat(Gaussian.cdf(0)).isCloseTo(0.5, within(1e-7));
        assertThat(Gaussian.cdf(1)).isCloseTo(0.8413447460685429, within(1e-7));
        assertThat(Gaussian.cdf(-1.96)).isCloseTo(0.024997895148220435, within(1e-8));
        assertThat(Gaussian.cdf(3)).isCloseTo(0.9986501019683699, within(1e-7));
    }

    @Test
    void logCdfStaysFiniteAndAccurateFarInTheLeftTail() {
        // log Phi(-10) = -53.23128515051247, log Phi(-30) = -454.3212439955..., by the asymptotic series
        assertThat(Gaussian.logCdf(-10)).isCloseTo(-53.23128515051247, within(1e-5));
        assertThat(Gaussian.logCdf(-30)).isCloseTo(-454.3212440, within(1e-4));
        assertThat(Gaussian.logCdf(-300)).isFinite().isLessThan(-45000);
        assertThat(Gaussian.logCdf(8)).isCloseTo(-6.22096057427174e-16, within(1e-20));
    }

    @Test
    void logMassOfAnIntervalIsTheDifferenceOfCdfsInEveryRegion() {
        double[][] intervals = {{-1, 1}, {-3, -2}, {2, 3}, {-0.1, 0.1}, {-12, -11.9}, {11.9, 12}, {-50, 50}};
        for (double[] i : intervals) {
            double expected = i[1] <= 0 ? Math.log(Math.exp(Gaussian.logCdf(i[1])) - Math.exp(Gaussian.logCdf(i[0])))
                    : Math.log(Math.exp(Gaussian.logCdf(-i[0])) - Math.exp(Gaussian.logCdf(-i[1])));
            assertThat(Gaussian.logMass(i[0], i[1])).as("[%s, %s]", i[0], i[1]).isCloseTo(expected, within(1e-5));
        }
        assertThat(Gaussian.logMass(-1, 1)).isCloseTo(Math.log(0.6826894921370859), within(1e-7));
    }

    @Test
    void quantileInvertsTheCdfFromTailToTail() {
        for (double z = -8; z <= 3; z += 0.25) {
            assertThat(Gaussian.quantile(Gaussian.cdf(z))).as("z=%s", z).isCloseTo(z, within(1e-5 * Math.max(1, Math.abs(z))));
        }
        // In the upper tail 1 - Phi(z) is lost in a double; the truncated quantile works from the other side.
        assertThat(Gaussian.truncatedQuantile(0.5, 7, 9)).isBetween(7.0, 7.2);
        assertThat(Gaussian.quantile(0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(Gaussian.quantile(1)).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void truncatedQuantilesStayInsideTheBoundsAndFollowTheTruncatedCdf() {
        SplittableRandom random = new SplittableRandom(1);
        double a = -0.5;
        double b = 40;
        int below = 0;
        int n = 20_000;
        double median = Gaussian.truncatedQuantile(0.5, a, b);
        for (int i = 0; i < n; i++) {
            double z = Gaussian.truncatedQuantile(random.nextDouble(), a, b);
            assertThat(z).isBetween(a, b);
            if (z < median) {
                below++;
            }
        }
        // The median's truncated CDF is 1/2, and half the draws fall below it (binomial sd 0.0035).
        double mass = Gaussian.cdf(b) - Gaussian.cdf(a);
        assertThat((Gaussian.cdf(median) - Gaussian.cdf(a)) / mass).isCloseTo(0.5, within(1e-6));
        assertThat(below / (double) n).isCloseTo(0.5, within(0.015));
        assertThat(Gaussian.truncatedQuantile(0, a, b)).isEqualTo(a);
        assertThat(Gaussian.truncatedQuantile(1, -100, 0.3)).isEqualTo(0.3);
    }
}
