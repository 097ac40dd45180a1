package io.jenkins.plugins.packer.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.packer.run.Cancellation;
import org.junit.jupiter.api.Test;

class AgentBuildsTest {

    @Test
    void anAbortThatComesBeforeItsBuildRegisteredIsNotLost() {
        assertThat(AgentBuilds.cancel("early")).as("nothing runs yet").isFalse();
        Cancellation c = new Cancellation();

        AgentBuilds.started("early", c);

        assertThat(c.isCancelled()).isTrue();
        AgentBuilds.finished("early");
    }

    @Test
    void anAbortReachesTheRunningBuild() {
        Cancellation c = new Cancellation();
        AgentBuilds.started("running", c);

        assertThat(AgentBuilds.cancel("running")).isTrue();

        assertThat(c.isCancelled()).isTrue();
        AgentBuilds.finished("running");
        Cancellation next = new Cancellation();
        AgentBuilds.started("other", next);
        assertThat(next.isCancelled()).as("an abort is for its own build").isFalse();
        AgentBuilds.finished("other");
    }
}
