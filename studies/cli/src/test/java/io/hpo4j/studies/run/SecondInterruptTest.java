package io.hpo4j.studies.run;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A second Ctrl-C while the first one's action still runs (marking trials interrupted on a storage
 * that hangs, say) ends the process at once with 130, in a real JVM: the action here would take a
 * minute.
 */
class SecondInterruptTest {

    /** Installs an interrupt action that takes a minute, says when it starts, and waits. */
    public static final class Probe {
        public static void main(String[] args) throws InterruptedException {
            try (Interrupts ignored = Interrupts.onInterrupt(() -> {
                System.out.println("stopping");
                System.out.flush();
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                System.out.println("stopped after the action");
            })) {
                System.out.println("ready");
                System.out.flush();
                Thread.sleep(120_000);
            }
        }
    }

    @Test
    void aSecondCtrlCWhileTheFirstIsHandledExitsAtOnceWith130() throws Exception {
        String mask = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("SigIgn:"))
                .map(l -> l.substring("SigIgn:".length()).strip()).findFirst().orElse("0");
        boolean ignored = new java.math.BigInteger(mask, 16).testBit(1);
        if (ignored && "true".equalsIgnoreCase(System.getenv("CI"))) {
            org.junit.jupiter.api.Assertions.fail("SIGINT is ignored by this test process, so the probe would inherit that");
        }
        org.junit.jupiter.api.Assumptions.assumeFalse(ignored, "SIGINT is ignored by this test process (a build started in the background)");

        Process probe = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Probe.class.getName())).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(probe.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("ready");
            kill(probe);
            assertThat(out.readLine()).isEqualTo("stopping");
            kill(probe);
            assertThat(probe.waitFor(20, TimeUnit.SECONDS)).as("the second Ctrl-C ends the process before the action does").isTrue();
            assertThat(probe.exitValue()).isEqualTo(130);
            assertThat(out.readLine()).as("the action never finished").isNull();
        } finally {
            probe.destroyForcibly();
        }
    }

    private static void kill(Process process) throws Exception {
        Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(process.pid())).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }
}
