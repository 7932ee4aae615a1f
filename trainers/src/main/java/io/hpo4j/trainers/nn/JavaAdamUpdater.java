package io.hpo4j.trainers.nn;

import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.AdamUpdater;

import com.sun.management.HotSpotDiagnosticMXBean;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The updater of {@link JavaAdam}: DL4J's {@link AdamUpdater} (same state, same state view, same
 * checks) whose {@link #applyUpdater} computes, for every parameter {@code i},
 *
 * <pre>
 *   m[i] = beta1 * m[i] + g[i] * (1 - beta1)
 *   v[i] = beta2 * v[i] + g[i] * g[i] * (1 - beta2)
 *   g[i] = m[i] * alpha / (sqrt(v[i]) + epsilon),   alpha = lr * sqrt(1 - beta2^t) / (1 - beta1^t)
 * </pre>
 *
 * <p>in float, in the order libnd4j's {@code adam_updater} op writes it (with {@code t} the
 * iteration + 1 and {@code alpha} rounded as there, and the first two lines' multiply-add fused
 * or not as the loaded natives do it: {@link Arithmetic}), so the result is bit for bit the op's,
 * in one Java loop over heap copies of the three arrays: three bulk copies in, three out. Arrays
 * it cannot copy in bulk (not float, not contiguous) go to DL4J's op, and so does everything when
 * the natives' rounding is not one of the two known or when the JIT would not vectorize the loop
 * ({@link #JAVA_LOOP}).
 *
 * <p>One instance per updater block of one network; not thread-safe, like DL4J's.
 */
public class JavaAdamUpdater extends AdamUpdater {

    /** How this process's natives round; see {@link Arithmetic}. */
    static final Arithmetic ARITHMETIC = Arithmetic.ofLoadedNatives();

    /**
     * Whether steps run the Java loop: only when it gives the op's result and the JIT compiles it
     * with C2, which vectorizes it (C1 alone, as with {@code -XX:TieredStopAtLevel=1}, runs it
     * slower than DL4J's op).
     */
    static final boolean JAVA_LOOP = ARITHMETIC != Arithmetic.NATIVE && vectorizingJit(
            hotSpotOption("TieredCompilation"), hotSpotOption("TieredStopAtLevel"), System.getProperty("java.vm.info", ""));

    private INDArray m;
    private INDArray v;
    private float[] gradientCopy = new float[0];
    private float[] mCopy = new float[0];
    private float[] vCopy = new float[0];

    public JavaAdamUpdater(JavaAdam config) {
        super(config);
    }

    @Override
    public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
        super.setStateViewArray(viewArray, gradientShape, gradientOrder, initialize);
        rememberState();
    }

    @Override
    public void setState(Map<String, INDArray> stateMap, boolean initialize) {
        super.setState(stateMap, initialize);
        rememberState();
    }

    private void rememberState() {
        Map<String, INDArray> state = getState();
        m = state.get(M_STATE);
        v = state.get(V_STATE);
    }

    @Override
    public void applyUpdater(INDArray gradient, int iteration, int epoch) {
        long length = gradient.length();
        if (!JAVA_LOOP || m == null || v == null || !copiable(gradient) || !copiable(m) || !copiable(v)
                || m.length() != length || v.length() != length || length > Integer.MAX_VALUE) {
            super.applyUpdater(gradient, iteration, epoch);
            return;
        }
        int n = (int) length;
        if (gradientCopy.length != n) {
            gradientCopy = new float[n];
            mCopy = new float[n];
            vCopy = new float[n];
        }
        FloatPointer g = (FloatPointer) gradient.data().addressPointer();
        FloatPointer mp = (FloatPointer) m.data().addressPointer();
        FloatPointer vp = (FloatPointer) v.data().addressPointer();
        g.get(gradientCopy, 0, n);
        mp.get(mCopy, 0, n);
        vp.get(vCopy, 0, n);
        update(ARITHMETIC, gradientCopy, mCopy, vCopy, n, getConfig().getLearningRate(iteration, epoch), getConfig().getBeta1(),
                getConfig().getBeta2(), getConfig().getEpsilon(), iteration);
        g.put(gradientCopy, 0, n);
        mp.put(mCopy, 0, n);
        vp.put(vCopy, 0, n);
    }

    /**
     * One Adam step over {@code n} parameters: {@code m} and {@code v} are updated, {@code g} becomes
     * the update (what DL4J subtracts from the parameters).
     */
    static void update(Arithmetic arithmetic, float[] g, float[] m, float[] v, int n, double learningRate, double beta1,
                       double beta2, double epsilon, int iteration) {
        float lr = (float) learningRate;
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float eps = (float) epsilon;
        float b1t = (float) Math.pow(b1, iteration + 1);
        float b2t = (float) Math.pow(b2, iteration + 1);
        float alpha = (float) (lr * (float) Math.sqrt((float) (1.0 - b2t)) / (1.0 - b1t));
        if (Float.isNaN(alpha) || Float.isInfinite(alpha) || alpha == 0) {
            alpha = eps; // as libnd4j does
        }
        float c1 = 1 - b1;
        float c2 = 1 - b2;
        if (arithmetic == Arithmetic.FUSED) {
            for (int i = 0; i < n; i++) {
                float gi = g[i];
                float mi = Math.fma(b1, m[i], gi * c1);
                float vi = Math.fma(b2, v[i], gi * gi * c2);
                m[i] = mi;
                v[i] = vi;
                g[i] = (mi * alpha) / ((float) Math.sqrt(vi) + eps);
            }
        } else {
            for (int i = 0; i < n; i++) {
                float gi = g[i];
                float mi = b1 * m[i] + gi * c1;
                float vi = b2 * v[i] + gi * gi * c2;
                m[i] = mi;
                v[i] = vi;
                g[i] = (mi * alpha) / ((float) Math.sqrt(vi) + eps);
            }
        }
    }

    /**
     * How the loaded natives evaluate {@code beta * m + g * (1 - beta)}: a build for CPUs with FMA
     * instructions fuses the multiply and add (one rounding), a generic build does not (two). Found
     * once by running DL4J's op on a probe and comparing, bit for bit, with both; if neither
     * matches, {@link #NATIVE} keeps DL4J's op.
     */
    enum Arithmetic {
        PLAIN, FUSED, NATIVE;

        static Arithmetic ofLoadedNatives() {
            int n = 512;
            SplittableRandom random = new SplittableRandom(20261201);
            float[] g = new float[n];
            float[] m = new float[n];
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                g[i] = (float) (random.nextDouble() - 0.5);
                m[i] = (float) ((random.nextDouble() - 0.5) * 0.1);
                v[i] = (float) (random.nextDouble() * 0.01);
            }
            int iteration = 4;
            double lr = 1e-3;
            double beta1 = 0.9;
            double beta2 = 0.999;
            double epsilon = 1e-8;
            INDArray gradient = Nd4j.create(g, new long[] {1, n}, DataType.FLOAT);
            INDArray mState = Nd4j.create(m, new long[] {1, n}, DataType.FLOAT);
            INDArray vState = Nd4j.create(v, new long[] {1, n}, DataType.FLOAT);
            Nd4j.exec(new org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater(gradient, vState, mState, lr, beta1, beta2, epsilon, iteration));
            float[] expected = gradient.toFloatVector();
            float[] expectedM = mState.toFloatVector();
            float[] expectedV = vState.toFloatVector();
            for (Arithmetic candidate : new Arithmetic[] {FUSED, PLAIN}) {
                float[] gc = g.clone();
                float[] mc = m.clone();
                float[] vc = v.clone();
                update(candidate, gc, mc, vc, n, lr, beta1, beta2, epsilon, iteration);
                if (Arrays.equals(gc, expected) && Arrays.equals(mc, expectedM) && Arrays.equals(vc, expectedV)) {
                    return candidate;
                }
            }
            return NATIVE;
        }
    }

    /**
     * Whether HotSpot's C2 compiler runs, from its options (absent when not HotSpot: then no) and
     * {@code java.vm.info} ("interpreted mode" with {@code -Xint}).
     */
    static boolean vectorizingJit(Optional<String> tieredCompilation, Optional<String> tieredStopAtLevel, String vmInfo) {
        if (tieredCompilation.isEmpty() || vmInfo.contains("interpreted mode")) {
            return false;
        }
        return !Boolean.parseBoolean(tieredCompilation.get()) // C2 alone
                || tieredStopAtLevel.map(level -> level.equals("4")).orElse(false);
    }

    private static Optional<String> hotSpotOption(String name) {
        try {
            HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return hotSpot == null ? Optional.empty() : Optional.of(hotSpot.getVMOption(name).getValue());
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            return Optional.empty(); // not HotSpot, or no such option: assume no C2
        }
    }

    /** Whether {@code a}'s elements are floats laid out one after the other over its whole buffer, from its start. */
    private static boolean copiable(INDArray a) {
        return a.dataType() == DataType.FLOAT && a.elementWiseStride() == 1 && a.data().length() == a.length()
                && a.length() > 0;
    }
}
