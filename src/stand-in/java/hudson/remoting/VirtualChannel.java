package hudson.remoting;

import java.io.IOException;

/** Mirrors remoting's {@code hudson.remoting.VirtualChannel}, the channel a callable runs over. */
public interface VirtualChannel {

    /** Runs {@code callable} on the channel's other side and returns its result; its exception is thrown here. */
    <V, T extends Throwable> V call(Callable<V, T> callable) throws IOException, T, InterruptedException;
}
