package dev.continuum.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** When cancelling a job ends the step it is running. */
class LegTest {

    @Test
    void aStepChosenBeforeTheCancelIsTerminatedEvenWhenItsProcessStartsAfterIt() {
        Leg leg = new Leg();
        AtomicInteger terminated = new AtomicInteger();
        leg.choosingStep(); // its `if: success()` passes
        leg.cancel("fail-fast"); // another leg failed while this step's process was being started
        leg.onCancel(terminated::incrementAndGet, leg.chosenWhileCancelled());
        assertThat(terminated).as("terminated as its process registered").hasValue(1);
    }

    @Test
    void aStepChosenAfterTheCancelRunsToItsEnd() {
        Leg leg = new Leg();
        AtomicInteger terminated = new AtomicInteger();
        leg.cancel("cancelled by the user");
        leg.choosingStep(); // an `if: always()` step
        leg.onCancel(terminated::incrementAndGet, leg.chosenWhileCancelled());
        leg.cancel("again");
        assertThat(terminated).hasValue(0);
    }

    @Test
    void aRunningStepIsTerminatedOnceWhenTheJobIsCancelled() {
        Leg leg = new Leg();
        AtomicInteger terminated = new AtomicInteger();
        leg.choosingStep();
        leg.onCancel(terminated::incrementAndGet, leg.chosenWhileCancelled());
        leg.cancel("timeout");
        leg.cancel("fail-fast");
        assertThat(terminated).hasValue(1);
        assertThat(leg.reason()).isEqualTo("timeout");
    }
}
