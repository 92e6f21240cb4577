package io.healthid.idp.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.ApplicationAvailabilityBean;
import org.springframework.boot.web.server.reactive.context.ReactiveWebServerApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.support.GenericApplicationContext;

class ReadinessDrainTest {

    private final List<Duration> drains = new ArrayList<>();
    private final ReadinessDrain drain = new ReadinessDrain(new ApplicationAvailabilityBean(), Duration.ofSeconds(5),
            this.drains::add);

    @Test
    void stopWhenManagementPortHasItsOwnContextThenOneDrainOnly() {
        ReactiveWebServerApplicationContext application = new ReactiveWebServerApplicationContext();
        ReactiveWebServerApplicationContext management = new ReactiveWebServerApplicationContext();
        management.setParent(application);

        this.drain.onApplicationEvent(new ContextClosedEvent(management));
        this.drain.onApplicationEvent(new ContextClosedEvent(application));

        assertThat(this.drains).containsExactly(Duration.ofSeconds(5));
    }

    @Test
    void stopWhenCommandContextThenNoDrain() {
        this.drain.onApplicationEvent(new ContextClosedEvent(new GenericApplicationContext()));

        assertThat(this.drains).isEmpty();
    }
}
