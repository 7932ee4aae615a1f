package io.hpo4j.studies.cli;

import io.hpo4j.studies.storage.JdbcStorage;
import io.hpo4j.studies.testing.SyntheticStudies;
import io.hpo4j.tuner.EpochMetrics;
import io.hpo4j.tuner.Study;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;

import static org.assertj.core.api.Assertions.assertThat;

class CurvesCommandTest {

    @TempDir
    static Path dir;
    static CliTestSupport cli;

    @BeforeAll
    static void studies() {
        cli = new CliTestSupport(dir);
        String url = cli.url();
        try (JdbcStorage storage = JdbcStorage.open(url)) {
            SyntheticStudies.run(storage, 6, 5);
            Study lossOnly = Study.builder("loss-only").storage(storage).seed(1).build();
            lossOnly.optimize(trial -> {
                for (int e = 1; e <= 5; e++) {
                    trial.reportEpoch(new EpochMetrics(e, 1.0 / e, Double.NaN, 1.2 / e, Double.NaN, 0.1));
                }
                return 0.24;
            }, 1);
            Study.builder("no-epochs").storage(storage).seed(1).build().optimize(trial -> 1.0, 1);
        }
    }

    private static BufferedImage read(Path png) throws IOException {
        assertThat(png).exists();
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as("a PNG ImageIO can read").isNotNull();
        return image;
    }

    /** Pixels of exactly this color. */
    private static int count(BufferedImage image, int rgb) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }

    private static int colors(BufferedImage image) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                seen.add(image.getRGB(x, y));
            }
        }
        return seen.size();
    }

    @Test
    void oneTrialGivesOnePngWithALossAndAnAccuracyPanel() throws IOException {
        Path out = dir.resolve("one");

        CliTestSupport.Result r = cli.run("curves", SyntheticStudies.NAME, "2", "--out", out.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        Path png = out.resolve("synthetic-trial-2.png");
        assertThat(r.out().strip()).isEqualTo(png.toString());
        BufferedImage image = read(png);
        assertThat(image.getWidth()).isEqualTo(2 * 760);
        assertThat(image.getHeight()).isEqualTo(500 + 44);
        assertThat(colors(image)).as("not a blank image").isGreaterThan(50);
        assertThat(count(image, 0x4e79a7)).as("validation curves, blue").isGreaterThan(200);
        assertThat(count(image, 0xf28e2b)).as("training curves, orange").isGreaterThan(100);
    }

    @Test
    void severalTrialsAreOverlaidInOneFileWithAColorEach() throws IOException {
        Path out = dir.resolve("several");

        CliTestSupport.Result r = cli.run("curves", SyntheticStudies.NAME, "0", "1", "2", "--out", out.toString(),
                "--width", "600", "--height", "400");

        assertThat(r.exitCode()).as(r.err()).isZero();
        BufferedImage image = read(out.resolve("synthetic-trials-0-1-2.png"));
        assertThat(image.getWidth()).isEqualTo(1200);
        assertThat(image.getHeight()).isEqualTo(444);
        assertThat(count(image, 0x4e79a7)).isGreaterThan(100);
        assertThat(count(image, 0xf28e2b)).isGreaterThan(100);
        assertThat(count(image, 0xe15759)).isGreaterThan(100);
    }

    @Test
    void eachWritesOneFilePerTrial() {
        Path out = dir.resolve("each");

        CliTestSupport.Result r = cli.run("curves", SyntheticStudies.NAME, "0", "3", "--each", "--out", out.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out().lines()).containsExactly(out.resolve("synthetic-trial-0.png").toString(),
                out.resolve("synthetic-trial-3.png").toString());
        assertThat(out.resolve("synthetic-trial-0.png")).exists();
        assertThat(out.resolve("synthetic-trial-3.png")).exists();
    }

    @Test
    void withoutAccuracyOnlyTheLossPanelIsDrawn() throws IOException {
        Path out = dir.resolve("loss");

        CliTestSupport.Result r = cli.run("curves", "loss-only", "0", "--out", out.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(read(out.resolve("loss-only-trial-0.png")).getWidth()).isEqualTo(760);
    }

    @Test
    void anUnknownTrialOrOneWithoutEpochsIsInvalidInput() throws IOException {
        Path out = dir.resolve("bad");

        CliTestSupport.Result unknown = cli.run("curves", SyntheticStudies.NAME, "99", "--out", out.toString());
        CliTestSupport.Result empty = cli.run("curves", "no-epochs", "0", "--out", out.toString());

        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(unknown.err()).contains("study 'synthetic' has no trial 99 (it has 6 trials, numbered from 0)");
        assertThat(empty.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(empty.err()).contains("trial 0 of study 'no-epochs' recorded no epochs");
        assertThat(Files.exists(out)).isFalse();
    }

    @Test
    void tooSmallAPanelIsInvalidInputNamingTheOptions() {
        CliTestSupport.Result r = cli.run("curves", SyntheticStudies.NAME, "0", "--width", "50", "--out", dir.toString());

        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).contains("(--width)", "50 x 500");
    }

    @Test
    void theFileNameIsSafeAndShort() {
        assertThat(CurvesCommand.fileName("my study/1", List.of(3))).isEqualTo("my_study_1-trial-3.png");
        assertThat(CurvesCommand.fileName("s", List.of(1, 2, 3, 4, 5, 6, 7, 8, 9))).isEqualTo("s-trials-1-2-3-4-5-6-7-8-etc.png");
    }
}
