package io.hpo4j.trainers;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class NativeTuningTest {

    @Test
    void anAvx2CpuGetsTheAvx2NativesWhenTheyAreOnTheClassPath() {
        assertThat(NativeTuning.choose(Set.of("sse4_2", "avx", "avx2", "fma"), "Linux", "amd64", true))
                .containsEntry(NativeTuning.EXTENSION, "-avx2").containsEntry(NativeTuning.MAX_PHYSICAL_BYTES, "0")
                .containsEntry(NativeTuning.SHAPE_INFO_PROVIDER, io.hpo4j.trainers.nd4j.CachingShapeInfoProvider.class.getName());
    }

    @Test
    void aCpuWithoutAvx2OrFmaGetsTheGenericNatives() {
        assertThat(NativeTuning.choose(Set.of("sse4_2", "avx"), "Linux", "amd64", true)).containsEntry(NativeTuning.EXTENSION, "");
        assertThat(NativeTuning.choose(Set.of("avx2"), "Linux", "amd64", true)).containsEntry(NativeTuning.EXTENSION, "");
    }

    @Test
    void withoutTheAvx2JarOrOffX86LinuxTheGenericNativesAreKept() {
        Set<String> flags = Set.of("avx2", "fma");
        assertThat(NativeTuning.choose(flags, "Linux", "amd64", false)).containsEntry(NativeTuning.EXTENSION, "");
        assertThat(NativeTuning.choose(flags, "Linux", "aarch64", true)).containsEntry(NativeTuning.EXTENSION, "");
        assertThat(NativeTuning.choose(flags, "Mac OS X", "x86_64", true)).containsEntry(NativeTuning.EXTENSION, "");
    }

    @Test
    void theTrainersEnvironmentRecordsTheNativesJavaCppLoaded() {
        var env = Dl4jEnvironment.describe();
        String expected = NativeTuning.applied().get(NativeTuning.EXTENSION).isEmpty() ? "linux-x86_64" : "linux-x86_64-avx2";
        if (System.getProperty("os.name").startsWith("Linux") && System.getProperty("os.arch").equals("amd64")) {
            assertThat(env).containsEntry("nd4j_natives", expected);
        }
        assertThat(env.get("javacpp_max_physical_bytes")).isEqualTo(Long.parseLong(NativeTuning.applied().get(NativeTuning.MAX_PHYSICAL_BYTES)));
    }
}
