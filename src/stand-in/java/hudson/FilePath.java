package hudson;

import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import org.jenkinsci.remoting.RoleSensitive;
import org.jenkinsci.remoting.SerializableOnlyOverRemoting;

/**
 * Mirrors jenkins-core {@code hudson.FilePath}, a file on the controller or an agent. The files are local here, but
 * {@link #act} behaves as it does for a path on an agent, so that the tests see what agents do: the callable and its
 * result cross the "channel" by Java serialization (something that cannot be serialized fails as it does over
 * remoting), the callable runs on a thread of the "agent", and a caller interrupted while it waits gets its
 * {@link InterruptedException} at once while the agent's side goes on, as remoting's {@code Request.call} does.
 */
public final class FilePath implements SerializableOnlyOverRemoting {

    private static final long serialVersionUID = 1L;

    private final String remote;

    public FilePath(File localPath) {
        this.remote = localPath.getPath();
    }

    public FilePath child(String relOrAbsolute) {
        File f = new File(relOrAbsolute);
        return new FilePath(f.isAbsolute() ? f : new File(remote, relOrAbsolute));
    }

    /** The file's MD5 digest in lower-case hex, computed where the file is. */
    public String digest() throws IOException, InterruptedException {
        try (java.io.InputStream in = new java.io.FileInputStream(remote)) {
            java.security.MessageDigest md5 = java.security.MessageDigest.getInstance("MD5");
            byte[] buf = new byte[8192];
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                md5.update(buf, 0, n);
            }
            return java.util.HexFormat.of().formatHex(md5.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IOException(e);
        }
    }

    /** The path on the machine that holds the file. */
    public String getRemote() {
        return remote;
    }

    @SuppressWarnings("unchecked")
    public <T> T act(FileCallable<T> callable) throws IOException, InterruptedException {
        java.util.function.UnaryOperator<Object> wire = o -> {
            try {
                java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
                try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
                    out.writeObject(o);
                }
                try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
                        new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
                    return in.readObject();
                }
            } catch (IOException | ClassNotFoundException e) {
                throw new java.io.UncheckedIOException(new IOException("cannot send " + o + " over the channel", e));
            }
        };
        FileCallable<T> sent;
        try {
            sent = (FileCallable<T>) wire.apply(callable);
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        java.util.concurrent.CompletableFuture<Object> result = new java.util.concurrent.CompletableFuture<>();
        Thread agent = new Thread(() -> {
            try {
                result.complete(wire.apply(sent.invoke(new File(remote), null)));
            } catch (Throwable t) {
                result.completeExceptionally(t instanceof java.io.UncheckedIOException u ? u.getCause() : t);
            }
        }, "agent side of " + callable.getClass().getSimpleName());
        agent.setDaemon(true);
        agent.start();
        try {
            return (T) result.get();
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof InterruptedException ie) {
                throw ie;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IOException(cause);
        }
    }

    /** Mirrors {@code hudson.FilePath.FileCallable}: work done where the file lives. */
    public interface FileCallable<T> extends Serializable, RoleSensitive {
        T invoke(File f, VirtualChannel channel) throws IOException, InterruptedException;
    }
}
