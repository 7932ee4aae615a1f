package io.hpo4j.trainers.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

import java.util.Map;
import java.util.Objects;

/**
 * Stochastic gradient descent with classic (Polyak, "heavy ball") momentum, which DL4J does not
 * provide: its {@code Sgd} has no momentum and its {@code Nesterovs} is Nesterov's accelerated
 * variant. Per step, with gradient {@code g}, learning rate {@code lr} and momentum {@code mu}:
 *
 * <pre>
 * v = mu * v + g
 * params -= lr * v
 * </pre>
 *
 * as in PyTorch's {@code SGD(momentum=mu)} and Keras' {@code SGD(momentum=mu, nesterov=False)}.
 *
 * <p>A DL4J updater configuration: it must be mutable and have a no-argument constructor and
 * getters/setters so that DL4J can clone it and (de)serialize network configurations to JSON.
 */
public final class ClassicMomentum implements IUpdater {

    private static final long serialVersionUID = 1L;

    /** The momentum used when none is given. */
    public static final double DEFAULT_MOMENTUM = 0.9;

    private double learningRate;
    private double momentum;

    /** For DL4J's JSON deserialization; learning rate 0.01, momentum 0.9. */
    public ClassicMomentum() {
        this(0.01, DEFAULT_MOMENTUM);
    }

    public ClassicMomentum(double learningRate, double momentum) {
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("momentum SGD learning rate must be a finite number > 0, but got " + learningRate);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), but got " + momentum);
        }
        this.learningRate = learningRate;
        this.momentum = momentum;
    }

    public double getLearningRate() {
        return learningRate;
    }

    public void setLearningRate(double learningRate) {
        this.learningRate = learningRate;
    }

    public double getMomentum() {
        return momentum;
    }

    public void setMomentum(double momentum) {
        this.momentum = momentum;
    }

    @Override
    public long stateSize(long numParams) {
        return numParams;
    }

    @Override
    public GradientUpdater<ClassicMomentum> instantiate(INDArray viewArray, boolean initializeViewArray) {
        Updater u = new Updater(this);
        long[] shape = viewArray.shape();
        u.setStateViewArray(viewArray, shape, viewArray.ordering(), initializeViewArray);
        return u;
    }

    @Override
    public GradientUpdater<ClassicMomentum> instantiate(Map<String, INDArray> state, boolean initializeStateArrays) {
        Updater u = new Updater(this);
        u.setState(state, initializeStateArrays);
        return u;
    }

    @Override
    public double getLearningRate(int iteration, int epoch) {
        return learningRate;
    }

    @Override
    public boolean hasLearningRate() {
        return true;
    }

    @Override
    public void setLrAndSchedule(double lr, ISchedule lrSchedule) {
        if (lrSchedule != null) {
            throw new UnsupportedOperationException("ClassicMomentum has no learning rate schedules, but got " + lrSchedule);
        }
        this.learningRate = lr;
    }

    @Override
    public ClassicMomentum clone() {
        return new ClassicMomentum(learningRate, momentum);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClassicMomentum c && c.learningRate == learningRate && c.momentum == momentum;
    }

    @Override
    public int hashCode() {
        return Objects.hash(learningRate, momentum);
    }

    @Override
    public String toString() {
        return "ClassicMomentum(learningRate=" + learningRate + ", momentum=" + momentum + ")";
    }

    /** The per-parameter-block state: the velocity {@code v}, a view of DL4J's updater state array. */
    static final class Updater implements GradientUpdater<ClassicMomentum> {
        static final String V_STATE = "V";

        private final ClassicMomentum config;
        private INDArray v;

        Updater(ClassicMomentum config) {
            this.config = config;
        }

        @Override
        public ClassicMomentum getConfig() {
            return config;
        }

        @Override
        public void setState(Map<String, INDArray> state, boolean initialize) {
            INDArray velocity = state.get(V_STATE);
            if (velocity == null || state.size() != 1) {
                throw new IllegalStateException("ClassicMomentum expects exactly the state key " + V_STATE + ", but got " + state.keySet());
            }
            v = velocity;
            if (initialize) {
                v.assign(0);
            }
        }

        @Override
        public Map<String, INDArray> getState() {
            return Map.of(V_STATE, v);
        }

        @Override
        public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
            if (!viewArray.isRowVectorOrScalar()) {
                throw new IllegalArgumentException("ClassicMomentum state must be a row vector, but got shape "
                        + java.util.Arrays.toString(viewArray.shape()));
            }
            if (initialize) {
                viewArray.assign(0);
            }
            v = viewArray.reshape(gradientOrder, gradientShape);
        }

        /** Turns {@code gradient} in place into the step DL4J subtracts from the parameters. */
        @Override
        public void applyUpdater(INDArray gradient, int iteration, int epoch) {
            if (v == null) {
                throw new IllegalStateException("ClassicMomentum updater used before its state was set");
            }
            v.muli(config.momentum).addi(gradient);
            gradient.assign(v).muli(config.learningRate);
        }
    }
}
