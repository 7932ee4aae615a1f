package io.hpo4j.trainers.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static io.hpo4j.trainers.data.IdxTestFiles.gzip;
import static io.hpo4j.trainers.data.IdxTestFiles.images;
import static io.hpo4j.trainers.data.IdxTestFiles.labels;
import static io.hpo4j.trainers.data.IdxTestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdxLoaderTest {

    @TempDir
    Path dir;

    @Test
    void bundledMnist10kHasTenThousand28x28DigitsWithTheReadmeClassCounts() {
        LabeledDataset mnist = Datasets.mnist10k();

        assertThat(mnist.name()).isEqualTo("mnist-10k");
        assertThat(mnist.size()).isEqualTo(10_000);
        assertThat(mnist.numFeatures()).isEqualTo(28 * 28);
        assertThat(mnist.numClasses()).isEqualTo(10);
        assertThat(mnist.classNames()).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        // README: 0:1001 1:1127 2:991 3:1032 4:980 5:863 6:1014 7:1070 8:944 9:978
        assertThat(mnist.classCounts()).containsExactly(1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978);
    }

    @Test
    void bundledMnist10kPixelsAreScaledToUnitRangeAndHashedLikeCatSha256sum() {
        LabeledDataset mnist = Datasets.mnist10k();

        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (int i = 0; i < 100; i++) {
            for (float v : mnist.row(i)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        assertThat(min).isEqualTo(0f);
        assertThat(max).isEqualTo(1f);
        // cat images-idx3-ubyte.gz labels-idx1-ubyte.gz | sha256sum
        assertThat(mnist.contentHash()).isEqualTo("e3322aeba333ce5c0737509ff3eae5af9bd0a249b38f554156b84bceec0bead5");
    }

    @Test
    void bundledMnist10kIsLoadedOncePerProcess() {
        assertThat(Datasets.mnist10k()).isSameAs(Datasets.mnist10k());
    }

    @Test
    void readsRawAndGzipFilesAlikeWhateverTheirNames() throws IOException {
        byte[] img = images(3, 2, 2);
        byte[] lab = labels(2, 0, 9);
        Path rawImages = write(dir, "a.gz", img);              // raw despite the name
        Path rawLabels = write(dir, "b", lab);
        Path gzImages = write(dir, "c", gzip(img));            // gzip despite the name
        Path gzLabels = write(dir, "d.gz", gzip(lab));

        LabeledDataset raw = IdxLoader.load(rawImages, rawLabels);
        LabeledDataset gz = IdxLoader.load(gzImages, gzLabels);

        for (LabeledDataset d : new LabeledDataset[] {raw, gz}) {
            assertThat(d.size()).isEqualTo(3);
            assertThat(d.numFeatures()).isEqualTo(4);
            assertThat(d.labels()).containsExactly(2, 0, 9);
            assertThat(d.row(1)).containsExactly(7 / 255f, 8 / 255f, 9 / 255f, 10 / 255f);
        }
        assertThat(raw.contentHash()).isNotEqualTo(gz.contentHash()).hasSize(64);
    }

    @Test
    void rejectsAWrongMagicNumberNamingTheFileAndBothNumbers() throws IOException {
        Path images = write(dir, "imgs", images(0x00000804, 2, 2, 2));
        Path labels = write(dir, "labs", labels(1, 1));

        assertThatThrownBy(() -> IdxLoader.load(images, labels))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("imgs")
                .hasMessageContaining("0x00000804")
                .hasMessageContaining("0x00000803");
    }

    @Test
    void swappedImageAndLabelFilesAreReportedAsSuch() throws IOException {
        Path images = write(dir, "imgs", images(2, 2, 2));
        Path labels = write(dir, "labs", labels(1, 1));

        assertThatThrownBy(() -> IdxLoader.load(labels, images))
                .hasMessageContaining("labs: magic number is 0x00000801 (is it the labels file?)");
    }

    @Test
    void rejectsAFileThatIsNotIdxAtAll() throws IOException {
        Path images = write(dir, "imgs.csv", "a,b,c\n1,2,3\n4,5,6\n".getBytes());
        Path labels = write(dir, "labs", labels(1, 1));

        assertThatThrownBy(() -> IdxLoader.load(images, labels)).hasMessageContaining("imgs.csv").hasMessageContaining("not an IDX file");
    }

    @Test
    void rejectsImageAndLabelCountsThatDiffer() throws IOException {
        Path images = write(dir, "imgs", images(3, 2, 2));
        Path labels = write(dir, "labs", labels(1, 2));

        assertThatThrownBy(() -> IdxLoader.load(images, labels))
                .hasMessageContaining("labs: has 2 labels, but")
                .hasMessageContaining("imgs has 3 images");
    }

    @Test
    void rejectsATruncatedImageFile() throws IOException {
        byte[] full = images(3, 2, 2);
        Path images = write(dir, "imgs.gz", gzip(java.util.Arrays.copyOf(full, full.length - 1)));
        Path labels = write(dir, "labs", labels(1, 2, 3));

        assertThatThrownBy(() -> IdxLoader.load(images, labels))
                .hasMessageContaining("imgs.gz")
                .hasMessageContaining("3 images of 2x2 (12 bytes of data)")
                .hasMessageContaining("11 bytes")
                .hasMessageContaining("truncated");
    }

    @Test
    void rejectsALabelOutsideTheClassRangeNamingItsIndexAndValue() throws IOException {
        Path images = write(dir, "imgs", images(3, 2, 2));
        Path labels = write(dir, "labs", labels(1, 10, 3));

        assertThatThrownBy(() -> IdxLoader.load(images, labels))
                .hasMessageContaining("labs: label of item 1 is 10, but labels must be in [0, 9]");
        assertThat(IdxLoader.load(images, labels, 11).numClasses()).isEqualTo(11);
    }

    @Test
    void rejectsACorruptGzipStream() throws IOException {
        byte[] gz = gzip(images(3, 2, 2));
        Path images = write(dir, "imgs.gz", java.util.Arrays.copyOf(gz, 12));
        Path labels = write(dir, "labs", labels(1, 2, 3));

        assertThatThrownBy(() -> IdxLoader.load(images, labels))
                .hasMessageContaining("imgs.gz: starts with the gzip magic number but is not a valid gzip stream");
    }

    @Test
    void directoryLoaderFindsTrainAndTestFilesByTheirUsualNames() throws IOException {
        write(dir, "train-images-idx3-ubyte.gz", gzip(images(4, 2, 2)));
        write(dir, "train-labels-idx1-ubyte.gz", gzip(labels(0, 1, 2, 3)));
        write(dir, "t10k-images-idx3-ubyte", images(2, 2, 2));
        write(dir, "t10k-labels-idx1-ubyte", labels(5, 6));

        LabeledDataset train = IdxLoader.loadDirectory(dir, IdxPart.TRAIN);
        LabeledDataset test = IdxLoader.loadDirectory(dir, IdxPart.TEST);

        assertThat(train.labels()).containsExactly(0, 1, 2, 3);
        assertThat(test.labels()).containsExactly(5, 6);
        assertThat(train.name()).endsWith("/train");
    }

    @Test
    void directoryLoaderAcceptsTheUnprefixedMnist10kNames() throws IOException {
        write(dir, "images-idx3-ubyte.gz", gzip(images(2, 1, 3)));
        write(dir, "labels-idx1-ubyte.gz", gzip(labels(4, 4)));

        assertThat(IdxLoader.loadDirectory(dir, IdxPart.TRAIN).size()).isEqualTo(2);
    }

    @Test
    void directoryLoaderListsTheNamesItLookedForWhenFilesAreMissing() throws IOException {
        write(dir, "train-images-idx3-ubyte", images(2, 2, 2));

        assertThatThrownBy(() -> IdxLoader.loadDirectory(dir, IdxPart.TRAIN))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("no IDX train labels")
                .hasMessageContaining("train-labels-idx1-ubyte.gz");
        assertThatThrownBy(() -> IdxLoader.loadDirectory(dir, IdxPart.TEST))
                .hasMessageContaining("no IDX test images")
                .hasMessageContaining("t10k-images-idx3-ubyte");
    }
}
