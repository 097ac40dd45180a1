package io.jenkins.plugins.packer.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.FilePath;
import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import jenkins.MasterToSlaveFileCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stand-in's {@link FilePath#act} behaves as remoting does for an agent, so the unit tests see what agents do. */
class StandInChannelTest {

    @TempDir
    Path ws;

    /** Not serializable: what a callable must not carry over the channel, nor send back. */
    static final class Handle {
    }

    static final class Carrying extends MasterToSlaveFileCallable<String> {
        private static final long serialVersionUID = 1L;
        @SuppressWarnings("serial")
        private final Object handle = new Handle();

        @Override
        public String invoke(File f, VirtualChannel channel) {
            return String.valueOf(handle);
        }
    }

    static final class Returning extends MasterToSlaveFileCallable<Object> {
        private static final long serialVersionUID = 1L;

        @Override
        public Object invoke(File f, VirtualChannel channel) {
            return new Handle();
        }
    }

    static final CountDownLatch AGENT_WENT_ON = new CountDownLatch(1);

    static final class Slow extends MasterToSlaveFileCallable<Boolean> {
        private static final long serialVersionUID = 1L;

        @Override
        public Boolean invoke(File f, VirtualChannel channel) throws IOException {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                throw new IOException("the agent's side was interrupted", e);
            }
            AGENT_WENT_ON.countDown();
            return true;
        }
    }

    @Test
    void whatCannotBeSerializedDoesNotCrossTheChannel() {
        FilePath path = new FilePath(ws.toFile());

        assertThatThrownBy(() -> path.act(new Carrying())).isInstanceOf(IOException.class)
                .hasMessageContaining("cannot send");
        assertThatThrownBy(() -> path.act(new Returning())).isInstanceOf(IOException.class)
                .hasMessageContaining("cannot send");
    }

    @Test
    void anInterruptedCallerReturnsAtOnceWhileTheAgentGoesOn() throws Exception {
        CompletableFuture<Throwable> caller = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                new FilePath(ws.toFile()).act(new Slow());
                caller.complete(null);
            } catch (Throwable e) {
                caller.complete(e);
            }
        });
        t.start();
        Thread.sleep(100);
        t.interrupt();

        assertThat(caller.get(5, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
        assertThat(AGENT_WENT_ON.getCount()).as("the caller returned while the agent's side still ran").isOne();
        assertThat(AGENT_WENT_ON.await(5, TimeUnit.SECONDS)).as("the agent's side went on").isTrue();
    }
}
