package io.hpo4j.trainers.nd4j;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.cpu.nativecpu.DirectShapeInfoProvider;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ND4J's CPU shape-information provider ({@code DirectShapeInfoProvider}), with the one overload
 * it leaves uncached cached too. ND4J is told to use it by its {@code shapeinfoprovider}
 * configuration property, which {@link io.hpo4j.trainers.NativeTuning} sets.
 *
 * <p>Every INDArray ND4J creates, views and reshapes included, asks its provider for the shape
 * information of its shape, strides and data type. In ND4J 1.0.0-M2.1 the
 * {@code (shape, stride, ews, order, dataType, empty)} overload, the one array creation uses,
 * skips the provider's cache: each call allocates two temporary native arrays (freed only when the
 * garbage collector finds them), makes four native calls and wraps the result in a new
 * {@code LongBuffer} that ND4J's deallocator service tracks by a weak reference and a string id.
 * A training step creates dozens of arrays, so a young collection had hundreds of thousands of
 * such references to process (pauses of 130-270 ms every 1.6-3.3 s, which with two trials in one
 * JVM stop both). The shape information is immutable and lives in ND4J's native constant cache
 * for the life of the process anyway, so it is shared here like the other overload's, keyed by
 * its inputs; after {@link #MAX_ENTRIES} distinct shapes new ones are no longer cached (ND4J's
 * own provider stops at 1,000).
 *
 * <p>Thread-safe: ND4J creates one instance per process.
 */
public class CachingShapeInfoProvider extends DirectShapeInfoProvider {

    /** Distinct shapes cached at most; a training run uses a few dozen. */
    public static final int MAX_ENTRIES = 10_000;

    private final Map<Key, Pair<DataBuffer, long[]>> cache = new ConcurrentHashMap<>();
    private final int maxEntries;

    /** Called by ND4J, by reflection, when it starts. */
    public CachingShapeInfoProvider() {
        this(MAX_ENTRIES);
    }

    CachingShapeInfoProvider(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    @Override
    public Pair<DataBuffer, long[]> createShapeInformation(long[] shape, long[] stride, long elementWiseStride, char order,
                                                           DataType dataType, boolean empty) {
        Key key = new Key(shape.clone(), stride.clone(), elementWiseStride, order, dataType, empty);
        Pair<DataBuffer, long[]> cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        Pair<DataBuffer, long[]> created = super.createShapeInformation(shape, stride, elementWiseStride, order, dataType, empty);
        if (cache.size() < maxEntries) {
            Pair<DataBuffer, long[]> raced = cache.putIfAbsent(key, created);
            return raced != null ? raced : created;
        }
        return created;
    }

    /** Forgets the cached shapes too, as ND4J's provider forgets its own. */
    @Override
    public void purgeCache() {
        super.purgeCache();
        cache.clear();
    }

    /** How many shapes are cached now. */
    public int cachedShapes() {
        return cache.size();
    }

    private record Key(long[] shape, long[] stride, long elementWiseStride, char order, DataType dataType, boolean empty) {

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && elementWiseStride == k.elementWiseStride && order == k.order && dataType == k.dataType
                    && empty == k.empty && Arrays.equals(shape, k.shape) && Arrays.equals(stride, k.stride);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * Arrays.hashCode(shape) + Arrays.hashCode(stride)) + (int) elementWiseStride * 7 + order + dataType.ordinal() * 3
                    + (empty ? 1 : 0);
        }

        @Override
        public String toString() {
            return Arrays.toString(shape) + "/" + Arrays.toString(stride) + " " + order + " " + dataType + (empty ? " empty" : "");
        }
    }
}
