package io.hpo4j.tuner;

/**
 * What {@link Study.Builder#build()} does when the storage already holds a study of that name
 * (Optuna's {@code load_if_exists}). There is no silent default: a program run twice against the
 * same storage either fails on the second run ({@link #FAIL}, the default) or says that it means
 * to add trials to the stored study ({@link #RESUME}).
 *
 * <pre>{@code
 * Study study = Study.builder("mnist-mlp").storage(storage)
 *     .ifExists(IfExists.RESUME)     // run it again to add trials to the same study
 *     .build();
 * }</pre>
 */
public enum IfExists {

    /** Building a study whose name exists is an {@link IllegalArgumentException} naming the study. */
    FAIL,

    /**
     * The stored study is loaded (its direction and declared search space must match the
     * builder's), and optimizing adds trials to it with the next numbers.
     */
    RESUME
}
