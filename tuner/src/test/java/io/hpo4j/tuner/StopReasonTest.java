package io.hpo4j.tuner;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StopReasonTest {

    @Test
    void describeGivesTheCaseItsEpochAndItsDetail() {
        assertThat(StopReason.of("early_stopped", 7, "no improvement of validation_loss for 3 epochs").describe())
                .isEqualTo("early stopped at epoch 7: no improvement of validation_loss for 3 epochs");
        assertThat(StopReason.of("completed", 20, null).describe()).isEqualTo("completed at epoch 20");
    }

    @Test
    void aDetailThatStartsWithTheCasesWordsDoesNotRepeatThem() {
        assertThat(StopReason.of("worker_lost", null, "worker lost: no heartbeat for more than 60 s").describe())
                .isEqualTo("worker lost: no heartbeat for more than 60 s");
        assertThat(StopReason.of("interrupted", null, "interrupted: the run was stopped").describe())
                .isEqualTo("interrupted: the run was stopped");
    }
}
