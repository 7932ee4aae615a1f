package io.hpo4j.tuner.sampler.tpe;

/**
 * The standard normal distribution's log-CDF, interval masses and quantiles, accurate to about
 * 1e-7 relative (enough to rank TPE's candidates) and cheap, since the estimators evaluate them
 * thousands of times per proposal: in the masses {@code Math.log(1 - x)} stands for
 * {@code log1p(-x)} (which the JDK does not compile to an intrinsic), at an absolute error of
 * about 1e-16. Stateless.
 */
final class Gaussian {

    private static final double SQRT2 = Math.sqrt(2);
    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
    private static final double LN2 = Math.log(2);

    private Gaussian() {
    }

    /**
     * {@code log(erfc(x))} for {@code x >= 0}: the Chebyshev fit of Numerical Recipes ({@code erfcc},
     * fractional error below 1.2e-7), written in log form so that it never underflows.
     */
    static double logErfc(double x) {
        double t = 1 / (1 + 0.5 * x);
        return Math.log(t) - x * x + poly(t);
    }

    /** {@code erfc(x)} for {@code x >= 0}, by the same fit (one exponential, no logarithm). */
    static double erfc(double x) {
        double t = 1 / (1 + 0.5 * x);
        return t * Math.exp(-x * x + poly(t));
    }

    private static double poly(double t) {
        return -1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277))))))));
    }

    /** {@code log Phi(z)}, finite for every finite {@code z}. */
    static double logCdf(double z) {
        if (z <= 0) {
            return logErfc(-z / SQRT2) - LN2;
        }
        return Math.log1p(-0.5 * erfc(z / SQRT2));
    }

    /** {@code Phi(z)}. */
    static double cdf(double z) {
        return z <= 0 ? 0.5 * erfc(-z / SQRT2) : 1 - 0.5 * erfc(z / SQRT2);
    }

    /**
     * {@code log(Phi(b) - Phi(a))} for {@code a < b}, without cancellation in either tail: the
     * difference of the CDFs on the left, of the upper tails on the right. More than
     * {@value #FAR} standard deviations out, where the mass is below 1e-300 and only its order
     * of magnitude can matter next to the other kernels of a mixture, it returns the bound
     * {@code log((b - a) * phi(b))} (for {@code a < b <= -FAR}).
     */
    static double logMass(double a, double b) {
        if (b <= 0) {
            return logMassLeft(a, b);
        }
        if (a >= 0) {
            return logMassLeft(-b, -a);
        }
        return Math.log(1 - cdf(a) - cdf(-b));
    }

    private static double logMassLeft(double a, double b) {
        if (b <= -FAR) {
            return logPdf(b) + Math.log(b - a);
        }
        double mass = cdf(b) - cdf(a);
        return mass > 0 ? Math.log(mass) : logDiff(logCdf(b), logCdf(a));
    }

    /** Beyond this many standard deviations {@code Phi} is below 1e-300. */
    static final double FAR = 37;

    /** {@code log(exp(p) - exp(q))} for {@code p > q}. */
    private static double logDiff(double p, double q) {
        return p + Math.log(1 - Math.exp(q - p));
    }

    /** The standard normal log density at {@code z}. */
    static double logPdf(double z) {
        return -0.5 * z * z - LOG_SQRT_2PI;
    }

    /**
     * The {@code u}-quantile, {@code u} in [0, 1], of the standard normal truncated to
     * {@code [a, b]} with {@code a <= 0 <= b} (kernels are centred inside their bounds). The
     * result is clamped to {@code [a, b]}.
     */
    static double truncatedQuantile(double u, double a, double b) {
        if (u <= 0) {
            return a;
        }
        if (u >= 1) {
            return b;
        }
        double lower = cdf(a);
        double upperTail = cdf(-b);
        double mass = 1 - lower - upperTail;
        double p = lower + u * mass;
        double z = p <= 0.5 ? quantile(p) : -quantile(upperTail + (1 - u) * mass);
        return Math.min(b, Math.max(a, z));
    }

    /**
     * The standard normal quantile of {@code p} in [0, 1]: Acklam's rational approximation
     * (relative error 1.15e-9). Infinite at 0 and 1.
     */
    static double quantile(double p) {
        if (p <= 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (p >= 1) {
            return Double.POSITIVE_INFINITY;
        }
        double x;
        if (p < P_LOW) {
            double q = Math.sqrt(-2 * Math.log(p));
            x = (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
                    / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
        } else if (p <= 1 - P_LOW) {
            double q = p - 0.5;
            double r = q * q;
            x = (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
                    / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
        } else {
            double q = Math.sqrt(-2 * Math.log(1 - p));
            x = -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
                    / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
        }
        return x;
    }

    private static final double P_LOW = 0.02425;
    private static final double[] A = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
            1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
    private static final double[] B = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
            6.680131188771972e+01, -1.328068155288572e+01};
    private static final double[] C = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
            -2.549671010286750e+00, 4.374664141464968e+00, 2.938163982698783e+00};
    private static final double[] D = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
            3.754408661907416e+00};
}
