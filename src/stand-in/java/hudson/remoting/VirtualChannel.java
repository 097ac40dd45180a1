package hudson.remoting;

/** Mirrors remoting's {@code hudson.remoting.VirtualChannel}, the channel a callable runs over (members unused). */
public interface VirtualChannel {
}
