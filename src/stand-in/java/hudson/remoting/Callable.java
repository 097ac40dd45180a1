package hudson.remoting;

import java.io.Serializable;
import org.jenkinsci.remoting.RoleSensitive;

/** Mirrors remoting's {@code hudson.remoting.Callable}: work sent over a channel, run on its other side. */
public interface Callable<V, T extends Throwable> extends Serializable, RoleSensitive {

    V call() throws T;
}
