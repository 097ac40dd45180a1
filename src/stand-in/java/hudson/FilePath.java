package hudson;

import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import org.jenkinsci.remoting.RoleSensitive;
import org.jenkinsci.remoting.SerializableOnlyOverRemoting;

/**
 * Mirrors jenkins-core {@code hudson.FilePath}, a file on the controller or an agent. Only the controller-local form
 * exists here, and {@link #act} runs the callable in process, which is what the real class does for a local path.
 */
public final class FilePath implements SerializableOnlyOverRemoting {

    private static final long serialVersionUID = 1L;

    private final String remote;

    public FilePath(File localPath) {
        this.remote = localPath.getPath();
    }

    /** The path on the machine that holds the file. */
    public String getRemote() {
        return remote;
    }

    public <T> T act(FileCallable<T> callable) throws IOException, InterruptedException {
        return callable.invoke(new File(remote), null);
    }

    /** Mirrors {@code hudson.FilePath.FileCallable}: work done where the file lives. */
    public interface FileCallable<T> extends Serializable, RoleSensitive {
        T invoke(File f, VirtualChannel channel) throws IOException, InterruptedException;
    }
}
