package io.hpo4j.studies.analysis;

/**
 * How much one hyperparameter explains of a study's objective values, as
 * {@link ParameterImportance} estimates it.
 *
 * @param parameter    the parameter's name
 * @param importance   its share of the explained variance: the importances of a study's parameters
 *                     sum to 1, unless no parameter explains anything beyond noise (then all are 0)
 * @param omegaSquared the fraction of the variance of the value ranks that the parameter alone
 *                     explains, corrected for chance (one-way ANOVA omega squared), clipped at 0
 * @param groups       the groups the trials were split into: one per choice, or quantile bins
 * @param trials       the trials it was estimated from
 * @param pValue       how often a parameter that does not matter would score at least this omega
 *                     squared with the same groups: the share of random permutations of the values
 *                     that do (a permutation test); below 0.05, the importance is unlikely to be chance
 */
public record Importance(String parameter, double importance, double omegaSquared, int groups, int trials,
                         double pValue) {

    public Importance {
        if (parameter == null || parameter.isEmpty()) {
            throw new IllegalArgumentException("parameter must not be empty, but got '" + parameter + "'");
        }
        if (!(importance >= 0 && importance <= 1) || !(omegaSquared >= 0 && omegaSquared <= 1)
                || !(pValue > 0 && pValue <= 1)) {
            throw new IllegalArgumentException(parameter + ": importance and omega squared must be in [0, 1] and the "
                    + "p-value in (0, 1], but got " + importance + ", " + omegaSquared + " and " + pValue);
        }
    }
}
