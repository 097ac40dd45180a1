package io.jenkins.plugins.packer.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Computer;
import hudson.model.TaskListener;
import hudson.remoting.Callable;
import hudson.remoting.VirtualChannel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link AgentWarmUpListener} sends each agent that comes online a warm-up that crosses the channel as remoting
 * carries it (Java serialization both ways), runs {@code packerBuild}'s path to the training bake's AMI once per JVM,
 * and never keeps an agent from coming online.
 */
class AgentWarmUpTest {

    /** A channel to an agent in this JVM: the callable and its result cross it serialized, as remoting sends them. */
    static final class Channel implements VirtualChannel {
        final AtomicInteger calls = new AtomicInteger();
        IOException failure;

        @Override
        @SuppressWarnings("unchecked")
        public <V, T extends Throwable> V call(Callable<V, T> callable) throws IOException, T {
            calls.incrementAndGet();
            if (failure != null) {
                throw failure;
            }
            return (V) wire(((Callable<V, T>) wire(callable)).call());
        }

        private static Object wire(Object o) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(o);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                return in.readObject();
            } catch (ClassNotFoundException e) {
                throw new IOException(e);
            }
        }
    }

    static final class Agent extends Computer {
        final Channel channel = new Channel();
        private final int executors;

        Agent(int executors) {
            this.executors = executors;
        }

        @Override
        public int getNumExecutors() {
            return executors;
        }

        @Override
        public VirtualChannel getChannel() {
            return channel;
        }
    }

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final PrintStream logger = new PrintStream(log, true, StandardCharsets.UTF_8);
    private final TaskListener listener = () -> logger;

    @Test
    void anAgentComingOnlineBakesTheTrainingAmiOncePerJvm() throws Exception {
        Agent agent = new Agent(2);

        new AgentWarmUpListener().onOnline(agent, listener);

        assertThat(log.toString(StandardCharsets.UTF_8)).startsWith("Packer Steps: warming up the Packer engine")
                .contains(AgentWarmUpListener.DISABLED + "=true");
        assertThat(AgentWarmUp.done().get(120, TimeUnit.SECONDS)).as("the training bake's exit code").isZero();
        log.reset();
        Agent reconnected = new Agent(2);
        new AgentWarmUpListener().onOnline(reconnected, listener);
        assertThat(reconnected.channel.calls).as("asked").hasValue(1);
        assertThat(log.toString(StandardCharsets.UTF_8)).as("warmed already: nothing said").isEmpty();
    }

    @Test
    void nodesWithoutExecutorsAndAControllerThatTurnedItOffAreLeftAlone() {
        Agent builtIn = new Agent(0);
        new AgentWarmUpListener().onOnline(builtIn, listener);
        assertThat(builtIn.channel.calls).hasValue(0);

        Agent agent = new Agent(1);
        System.setProperty(AgentWarmUpListener.DISABLED, "true");
        try {
            new AgentWarmUpListener().onOnline(agent, listener);
        } finally {
            System.clearProperty(AgentWarmUpListener.DISABLED);
        }
        assertThat(agent.channel.calls).hasValue(0);
        assertThat(log.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aWarmUpThatCannotStartLeavesTheAgentOnlineAndSaysWhy() {
        Agent agent = new Agent(1);
        agent.channel.failure = new IOException("channel is already closed");

        new AgentWarmUpListener().onOnline(agent, listener);

        assertThat(log.toString(StandardCharsets.UTF_8)).isEqualTo("Packer Steps: the engine's warm-up did not start:"
                + " java.io.IOException: channel is already closed\n");
    }
}
