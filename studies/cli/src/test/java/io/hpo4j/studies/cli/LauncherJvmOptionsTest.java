package io.hpo4j.studies.cli;

import io.hpo4j.trainers.nn.JavaAdam;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code hpo} launcher's JVM options ({@code studies/cli/src/main/jvm}) start a JVM in which
 * JavaAdam's step runs as its C2-compiled Java loop, as {@code bench/run training} measured them;
 * with C1 alone the same JVM falls back to DL4J's op.
 */
class LauncherJvmOptionsTest {

    private static final Path JVM = Path.of("src/main/jvm").toAbsolutePath();

    /** Prints whether JavaAdam runs its Java loop in this JVM. */
    public static final class Probe {
        public static void main(String[] args) {
            System.out.println("java-loop=" + JavaAdam.runsJavaLoop());
        }
    }

    private static String probe(List<String> options) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(options);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Probe.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private static List<String> launcherOptions() {
        return List.of("@" + JVM.resolve("training.jvmopts"), "-XX:CompilerDirectivesFile=" + JVM.resolve("compiler-directives.json"));
    }

    @Test
    void theLaunchersOptionsRunJavaAdamsLoopCompiledByC2() throws Exception {
        assertThat(probe(launcherOptions())).contains("java-loop=true");
    }

    @Test
    void withC1AloneJavaAdamKeepsDl4jsOp() throws Exception {
        List<String> c1 = new ArrayList<>(launcherOptions());
        c1.add("-XX:TieredStopAtLevel=1");
        assertThat(probe(c1)).contains("java-loop=false");
    }

    @Test
    void theLauncherAndTheBenchmarksUseTheseFiles() throws Exception {
        String launcher = Files.readString(Path.of("../../hpo"));
        String bench = Files.readString(Path.of("../../bench/run"));
        for (String script : List.of(launcher, bench)) {
            assertThat(script).contains("studies/cli/src/main/jvm").contains("training.jvmopts").contains("compiler-directives.json");
        }
    }
}
