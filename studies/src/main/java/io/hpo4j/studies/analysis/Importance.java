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
 */
public record Importance(String parameter, double importance, double omegaSquared, int groups, int trials) {

    public Importance {
        if (parameter == null || parameter.isEmpty()) {
            throw new IllegalArgumentException("parameter must not be empty, but got '" + parameter + "'");
        }
        if (!(importance >= 0 && importance <= 1) || !(omegaSquared >= 0 && omegaSquared <= 1)) {
            throw new IllegalArgumentException(parameter + ": importance and omega squared must be in [0, 1], but got "
                    + importance + " and " + omegaSquared);
        }
    }
}
