package io.jenkins.plugins.packer.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * The connection provisioners use to reach the machine being built. A build whose communicator is {@code none}
 * has none (null), and only local provisioners can run.
 */
public interface Communicator {

    /** The exit status Packer gives a command whose connection dropped before it reported one. */
    int DISCONNECTED = 2300218;

    /** The build's communicator, or a failure saying that {@code provisioner} needs one. */
    static Communicator required(Communicator comm, String provisioner) throws BuildFailure {
        if (comm == null) {
            throw new BuildFailure("the " + provisioner + " provisioner needs a communicator; this build has none"
                    + " (communicator = \"none\")" + (provisioner.equals("shell") ? ": use shell-local" : ""));
        }
        return comm;
    }

    /** The communicator type, as {@code build.ConnType} shows it: {@code ssh}. */
    String type();

    /**
     * Runs {@code command} on the machine, its standard output going to {@link Ui#message} and its standard error to
     * {@link Ui#error} line by line, and returns its exit status ({@link #DISCONNECTED} when the connection dropped).
     * Cancellation stops the command.
     */
    int execute(String command, Ui ui, Cancellation cancellation) throws IOException,
            Cancellation.CancelledException;

    /**
     * Runs {@code command} on the machine with its standard input, output and error connected to {@code in},
     * {@code out} and {@code err} byte for byte (the ansible provisioner's SSH proxy relays sessions so); the input
     * ends when {@code in} does. Returns the exit status ({@link #DISCONNECTED} when the connection dropped).
     * Cancellation stops the command.
     */
    int execute(String command, InputStream in, OutputStream out, OutputStream err, Cancellation cancellation)
            throws IOException, Cancellation.CancelledException;

    /** Writes {@code data} ({@code size} bytes) to the file {@code remotePath} with the permission bits {@code mode}. */
    void upload(String remotePath, InputStream data, long size, int mode) throws IOException;

    /** Uploads the local file {@code local} to {@code remotePath} with the permission bits {@code mode}. */
    default void uploadFile(String remotePath, Path local, int mode) throws IOException {
        try (InputStream in = java.nio.file.Files.newInputStream(local)) {
            upload(remotePath, in, java.nio.file.Files.size(local), mode);
        }
    }

    /**
     * Uploads the directory {@code localDir} as Packer does: into {@code remoteDir}/its name, or its contents into
     * {@code remoteDir} when {@code contentsOnly} (a source ending with {@code /}).
     */
    void uploadDir(String remoteDir, Path localDir, boolean contentsOnly) throws IOException;

    /** Reads the file {@code remotePath} into {@code out}. */
    void download(String remotePath, OutputStream out) throws IOException;

    /** Downloads the directory {@code remoteDir} into {@code localDir}. */
    void downloadDir(String remoteDir, Path localDir) throws IOException;
}
