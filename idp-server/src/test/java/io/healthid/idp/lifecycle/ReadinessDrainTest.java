package io.healthid.idp.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.availability.ApplicationAvailabilityBean;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.reactive.context.ReactiveWebServerApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.support.GenericApplicationContext;

@ExtendWith(OutputCaptureExtension.class)
class ReadinessDrainTest {

    private final ReadinessDrain drain = new ReadinessDrain(new ApplicationAvailabilityBean(), Duration.ofMillis(1));

    @Test
    void stopWhenManagementPortHasItsOwnContextThenOneDrainOnly(CapturedOutput output) {
        ReactiveWebServerApplicationContext application = new ReactiveWebServerApplicationContext();
        ReactiveWebServerApplicationContext management = new ReactiveWebServerApplicationContext();
        management.setParent(application);

        this.drain.onApplicationEvent(new ContextClosedEvent(management));
        this.drain.onApplicationEvent(new ContextClosedEvent(application));

        assertThat(output.getOut().split("Shutting down: readiness", -1)).hasSize(2);
    }

    @Test
    void stopWhenCommandContextThenNoDrain(CapturedOutput output) {
        this.drain.onApplicationEvent(new ContextClosedEvent(new GenericApplicationContext()));

        assertThat(output.getOut()).doesNotContain("Shutting down: readiness");
    }
}
