package io.hpo4j.trainers.nn;

import org.nd4j.linalg.learning.config.AdaDelta;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.AdaMax;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nadam;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * The optimizers an {@link MlpConfig} may name, mapped onto DL4J updaters with DL4J's default
 * hyperparameters except the learning rate:
 *
 * <ul>
 *   <li>{@code sgd}: plain SGD ({@link Sgd});</li>
 *   <li>{@code momentum}: SGD with classic momentum 0.9 ({@link ClassicMomentum}, ours: DL4J has
 *       none);</li>
 *   <li>{@code nesterov}: SGD with Nesterov momentum 0.9 ({@link Nesterovs});</li>
 *   <li>{@code rmsprop} ({@link RmsProp}, decay 0.95, epsilon 1e-8), {@code adam}, {@code adamax},
 *       {@code nadam} (betas 0.9/0.999, epsilon 1e-8), {@code adagrad} (epsilon 1e-6);</li>
 *   <li>{@code adadelta} ({@link AdaDelta}, rho 0.95, epsilon 1e-6): AdaDelta has no learning
 *       rate, so {@code learning_rate} does not affect it.</li>
 * </ul>
 */
public enum Optimizer {
    SGD("sgd", Sgd::new),
    MOMENTUM("momentum", lr -> new ClassicMomentum(lr, ClassicMomentum.DEFAULT_MOMENTUM)),
    NESTEROV("nesterov", lr -> new Nesterovs(lr, Nesterovs.DEFAULT_NESTEROV_MOMENTUM)),
    RMSPROP("rmsprop", RmsProp::new),
    ADAM("adam", Adam::new),
    ADAGRAD("adagrad", AdaGrad::new),
    ADAMAX("adamax", AdaMax::new),
    NADAM("nadam", Nadam::new),
    ADADELTA("adadelta", lr -> new AdaDelta());

    private final String key;
    private final DoubleFunction<IUpdater> factory;

    Optimizer(String key, DoubleFunction<IUpdater> factory) {
        this.key = key;
        this.factory = factory;
    }

    /** The name used in search spaces and study files, e.g. {@code nesterov}. */
    public String key() {
        return key;
    }

    /** Whether {@code learning_rate} has an effect (all but AdaDelta). */
    public boolean usesLearningRate() {
        return this != ADADELTA;
    }

    /** A new DL4J updater with this learning rate. */
    public IUpdater updater(double learningRate) {
        return factory.apply(learningRate);
    }

    /** Every supported name, in declaration order. */
    public static List<String> keys() {
        return Arrays.stream(values()).map(Optimizer::key).toList();
    }

    /**
     * The optimizer named {@code text} (any case; {@code nesterovs} is accepted as an alias).
     *
     * @throws IllegalArgumentException listing the supported names
     */
    public static Optimizer parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("nesterovs")) {
            t = "nesterov";
        }
        for (Optimizer o : values()) {
            if (o.key.equals(t)) {
                return o;
            }
        }
        throw new IllegalArgumentException("optimizer must be one of " + keys() + ", but got '" + text + "'");
    }
}
