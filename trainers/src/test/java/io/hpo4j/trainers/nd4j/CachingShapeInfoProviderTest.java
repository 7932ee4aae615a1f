package io.hpo4j.trainers.nd4j;

import io.hpo4j.trainers.Dl4jEnvironment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.cpu.nativecpu.DirectShapeInfoProvider;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CachingShapeInfoProviderTest {

    private record Shape(long[] shape, long[] stride, long ews, char order, DataType type, boolean empty) {
    }

    private static final List<Shape> SHAPES = List.of(
            new Shape(new long[] {128, 784}, new long[] {784, 1}, 1, 'c', DataType.FLOAT, false),
            new Shape(new long[] {784, 128}, new long[] {1, 784}, 1, 'f', DataType.FLOAT, false),
            new Shape(new long[] {1, 256}, new long[] {256, 1}, 1, 'c', DataType.FLOAT, false),
            new Shape(new long[] {10, 4}, new long[] {8, 2}, 2, 'c', DataType.FLOAT, false), // a strided view
            new Shape(new long[] {3}, new long[] {1}, 1, 'c', DataType.LONG, false),
            new Shape(new long[] {5, 5}, new long[] {5, 1}, 1, 'c', DataType.DOUBLE, false),
            new Shape(new long[] {0}, new long[] {1}, 1, 'c', DataType.FLOAT, true));

    @BeforeAll
    static void nd4jStartedByTheTrainers() {
        Dl4jEnvironment.describe(); // as a trainer starts ND4J: with hpo4j's settings
    }

    @Test
    void nd4jStartedByTheTrainersUsesIt() {
        assertThat(Nd4j.getShapeInfoProvider()).isInstanceOf(CachingShapeInfoProvider.class);
    }

    @Test
    void itGivesTheShapeInformationOfNd4jsOwnProvider() {
        CachingShapeInfoProvider cached = new CachingShapeInfoProvider();
        DirectShapeInfoProvider stock = new DirectShapeInfoProvider();
        for (Shape s : SHAPES) {
            Pair<DataBuffer, long[]> want = stock.createShapeInformation(s.shape, s.stride, s.ews, s.order, s.type, s.empty);
            for (int call = 0; call < 2; call++) {
                Pair<DataBuffer, long[]> got = cached.createShapeInformation(s.shape, s.stride, s.ews, s.order, s.type, s.empty);
                assertThat(got.getSecond()).as("java shape information of %s", s).isEqualTo(want.getSecond());
                assertThat(got.getFirst().asLong()).as("native shape information of %s", s).isEqualTo(want.getFirst().asLong());
            }
        }
    }

    @Test
    void aShapeAskedForAgainGetsTheSameBufferAndCallersCannotChangeTheKey() {
        CachingShapeInfoProvider cached = new CachingShapeInfoProvider();
        long[] shape = {4, 6};
        long[] stride = {6, 1};
        Pair<DataBuffer, long[]> first = cached.createShapeInformation(shape, stride, 1, 'c', DataType.FLOAT, false);
        shape[0] = 5; // a caller reusing its array must not corrupt the cached entry
        Pair<DataBuffer, long[]> other = cached.createShapeInformation(shape, stride, 1, 'c', DataType.FLOAT, false);
        Pair<DataBuffer, long[]> again = cached.createShapeInformation(new long[] {4, 6}, new long[] {6, 1}, 1, 'c', DataType.FLOAT, false);
        assertThat(again).isSameAs(first);
        assertThat(other).isNotSameAs(first);
        assertThat(other.getSecond()[1]).isEqualTo(5);
        assertThat(cached.createShapeInformation(new long[] {4, 6}, new long[] {6, 1}, 1, 'c', DataType.DOUBLE, false))
                .as("another data type is another shape").isNotSameAs(first);
        assertThat(cached.cachedShapes()).isEqualTo(3);
        cached.purgeCache();
        assertThat(cached.cachedShapes()).isZero();
        assertThat(cached.createShapeInformation(new long[] {4, 6}, new long[] {6, 1}, 1, 'c', DataType.FLOAT, false).getSecond())
                .as("made again after a purge").isEqualTo(first.getSecond());
    }

    @Test
    void pastItsLimitNewShapesAreCreatedButNotKept() {
        CachingShapeInfoProvider cached = new CachingShapeInfoProvider(2);
        for (int n = 1; n <= 4; n++) {
            Pair<DataBuffer, long[]> info = cached.createShapeInformation(new long[] {n, 3}, new long[] {3, 1}, 1, 'c', DataType.FLOAT, false);
            assertThat(info.getSecond()[1]).isEqualTo(n);
        }
        assertThat(cached.cachedShapes()).isEqualTo(2);
    }

    @Test
    void arraysViewsAndReshapesMadeThroughItHoldTheRightValues() {
        INDArray a = Nd4j.linspace(DataType.FLOAT, 1, 24, 1).reshape(4, 6);
        INDArray view = a.get(NDArrayIndex.interval(1, 3), NDArrayIndex.interval(2, 5));
        assertThat(view.toFloatMatrix()).isEqualTo(new float[][] {{9, 10, 11}, {15, 16, 17}});
        assertThat(a.transpose().getFloat(5, 3)).isEqualTo(24f);
        assertThat(a.reshape(6, 4).getFloat(5, 3)).isEqualTo(24f);
        INDArray b = Nd4j.linspace(DataType.FLOAT, 1, 24, 1).reshape(4, 6);
        assertThat(b.shapeInfoDataBuffer()).as("the same shape shares its shape information").isSameAs(a.shapeInfoDataBuffer());
        assertThat(a.mmul(b.transpose()).getFloat(3, 3)).isEqualTo(19f * 19 + 20 * 20 + 21 * 21 + 22 * 22 + 23 * 23 + 24 * 24);
    }
}
