package io.hpo4j.trainers.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.ISchedule;

import java.util.Map;

/**
 * DL4J's {@link Adam} with the same settings and the same arithmetic, whose update is computed by
 * {@link JavaAdamUpdater}: a Java loop over the parameters, which the JIT's C2 compiler turns into
 * vector instructions, where DL4J's native {@code adam_updater} op runs one scalar square root and
 * division per parameter (about 4 ns each on the 2-core benchmark machine; the loop with its copies
 * about a third of that). What a network learns is the same, bit for bit (the update is the same
 * IEEE float expression; {@code JavaAdamTest} compares it with the native op). Where the JIT has
 * no C2 ({@code -XX:TieredStopAtLevel=1}) the loop would be slower, and DL4J's op runs instead.
 *
 * <p>A configuration naming this class is only for networks hpo4j trains: {@link #toStock()} gives
 * the DL4J updater a model file names instead ({@link MlpNetworks#stockConfiguration}).
 */
public class JavaAdam extends Adam {

    /** For JSON (DL4J writes and reads updater configurations by their class). */
    public JavaAdam() {
        super();
    }

    /** Adam with DL4J's default betas (0.9, 0.999) and epsilon (1e-8). */
    public JavaAdam(double learningRate) {
        super(learningRate);
    }

    /** Adam with the settings of {@code settings} (learning rate and its schedule, betas, epsilon). */
    public static JavaAdam of(Adam settings) {
        return new JavaAdam(settings);
    }

    private JavaAdam(Adam settings) {
        super(settings.getLearningRate(), settings.getBeta1(), settings.getBeta2(), settings.getEpsilon());
        setLearningRateSchedule(settings.getLearningRateSchedule() == null ? null : settings.getLearningRateSchedule().clone());
    }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
        JavaAdamUpdater updater = new JavaAdamUpdater(this);
        INDArray view = viewArray.reshape(1, viewArray.length());
        long[] gradientShape = view.shape().clone();
        gradientShape[1] /= 2; // the view holds m, then v, each as long as the gradient (as DL4J's Adam)
        updater.setStateViewArray(view, gradientShape, view.ordering(), initializeViewArray);
        return updater;
    }

    @Override
    public GradientUpdater instantiate(Map<String, INDArray> updaterState, boolean initializeStateArrays) {
        JavaAdamUpdater updater = new JavaAdamUpdater(this);
        updater.setState(updaterState, initializeStateArrays);
        return updater;
    }

    @Override
    public JavaAdam clone() {
        return new JavaAdam(this);
    }

    /**
     * Whether this JVM runs the steps as the Java loop (its natives round as one of the two known
     * ways, and C2 compiles the loop), rather than as DL4J's op.
     */
    public static boolean runsJavaLoop() {
        return JavaAdamUpdater.JAVA_LOOP;
    }

    /** DL4J's own Adam with the same settings: what a model file names. */
    public Adam toStock() {
        ISchedule schedule = getLearningRateSchedule();
        Adam stock = new Adam(getLearningRate(), getBeta1(), getBeta2(), getEpsilon());
        stock.setLearningRateSchedule(schedule == null ? null : schedule.clone());
        return stock;
    }
}
