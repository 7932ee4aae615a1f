package io.hpo4j.studies.config;

import java.nio.file.Path;

/**
 * The data a study trains on, as a study file declares it, and how it is split.
 *
 * @param source          {@code mnist-10k} (bundled), {@code idx} (a directory of IDX files) or {@code csv}
 * @param path            the IDX directory or CSV file; null for the bundled data
 * @param labelColumn     the CSV label column, by name or 0-based index; null otherwise
 * @param header          whether the CSV has a header line; null to detect it
 * @param scaling         feature scaling: {@code standardize}, {@code minmax} or {@code none}
 *                        (IDX pixels are always divided by 255)
 * @param validationSplit fraction of the examples held out for validation (random split), or
 *                        null when {@code trainSize}/{@code validationSize} are given
 * @param splitSeed       seed of the random split
 * @param trainSize       with {@code validationSize}: the first N examples train (head/tail split)
 * @param validationSize  with {@code trainSize}: the last N examples validate
 */
public record DatasetSpec(String source, Path path, String labelColumn, Boolean header, String scaling,
                          Double validationSplit, long splitSeed, Integer trainSize, Integer validationSize) {

    /** The bundled 10,000-digit MNIST subset with a seeded 80/20 split. */
    public static DatasetSpec mnist10k() {
        return new DatasetSpec("mnist-10k", null, null, null, "none", 0.2, 7, null, null);
    }

    /** A short description for logs and provenance. */
    public String describe() {
        String where = path == null ? source : source + " " + path;
        String split = validationSplit != null
                ? "validation " + validationSplit + " (seed " + splitSeed + ")"
                : "train first " + trainSize + ", validate last " + validationSize;
        return where + ", " + split;
    }
}
