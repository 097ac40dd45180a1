package io.jenkins.plugins.packer.communicator.docker;

import io.jenkins.plugins.packer.docker.DockerEngine;
import io.jenkins.plugins.packer.run.Cancellation;
import io.jenkins.plugins.packer.run.Communicator;
import io.jenkins.plugins.packer.run.LineStream;
import io.jenkins.plugins.packer.run.Ui;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The {@code docker} communicator: commands run in the build's container as {@code docker exec -i CONTAINER /bin/sh
 * -c "(COMMAND)"} does, files and folders are copied in and out as {@code docker cp} does (tar archives through the
 * Engine API), and what is uploaded is then owned by the container's user when {@code fix_upload_owner} is set, as
 * the docker builder's communicator does.
 */
public final class DockerCommunicator implements Communicator {

    private final DockerEngine engine;
    private final String container;
    private final String execUser;
    private final boolean pty;
    private final boolean fixUploadOwner;
    private final String containerUser;
    private final Path scratch;

    /**
     * @param scratch a local folder for the archives of uploads (the build's shared temporary folder)
     */
    public DockerCommunicator(DockerEngine engine, String container, String execUser, boolean pty,
                              boolean fixUploadOwner, String containerUser, Path scratch) {
        this.engine = engine;
        this.container = container;
        this.execUser = execUser;
        this.pty = pty;
        this.fixUploadOwner = fixUploadOwner;
        this.containerUser = containerUser;
        this.scratch = scratch;
    }

    @Override
    public String type() {
        return "docker";
    }

    @Override
    public int execute(String command, Ui ui, Cancellation cancellation) throws IOException,
            Cancellation.CancelledException {
        try (LineStream out = new LineStream(ui::message); LineStream err = new LineStream(ui::error)) {
            return engine.exec(container, List.of("/bin/sh", "-c", "(" + command + ")"), execUser, pty, out, err,
                    cancellation);
        }
    }

    @Override
    public int execute(String command, InputStream in, OutputStream out, OutputStream err,
                       Cancellation cancellation) throws IOException, Cancellation.CancelledException {
        return engine.exec(container, List.of("/bin/sh", "-c", "(" + command + ")"), execUser, pty, in, out, err,
                cancellation);
    }

    /** Runs a command of the communicator's own as root, and fails with its output when it fails. */
    private int run(String command, String user, ByteArrayOutputStream output) throws IOException {
        try {
            return engine.exec(container, List.of("/bin/sh", "-c", command), user, false, output, output,
                    new Cancellation());
        } catch (Cancellation.CancelledException e) {
            throw new IOException("cancelled", e);
        }
    }

    @Override
    public void upload(String remotePath, InputStream data, long size, int mode) throws IOException {
        String dir = parent(remotePath);
        Path tar = Files.createTempFile(scratch, "upload", ".tar");
        try {
            try (TarArchiveOutputStream out = tarOut(tar)) {
                TarArchiveEntry e = new TarArchiveEntry(remotePath.substring(remotePath.lastIndexOf('/') + 1));
                e.setSize(size);
                e.setMode(mode);
                e.setModTime(System.currentTimeMillis());
                out.putArchiveEntry(e);
                long copied = data.transferTo(out);
                if (copied != size) {
                    throw new IOException("Failed to pipe upload: read " + copied + " bytes of " + size);
                }
                out.closeArchiveEntry();
            }
            copyIn(tar, dir, remotePath);
        } finally {
            Files.deleteIfExists(tar);
        }
        fixOwner(remotePath);
    }

    @Override
    public void uploadDir(String remoteDir, Path localDir, boolean contentsOnly) throws IOException {
        // docker cp: a folder lands inside an existing folder, or becomes the destination when there is none; with
        // a trailing slash (SRC/.), its contents land in the destination.
        String dst = remoteDir.length() > 1 && remoteDir.endsWith("/")
                ? remoteDir.substring(0, remoteDir.length() - 1) : remoteDir;
        ByteArrayOutputStream probe = new ByteArrayOutputStream();
        int kind = run("if [ -d '" + quoted(dst) + "' ]; then exit 0; elif [ -e '" + quoted(dst)
                + "' ]; then exit 3; else exit 4; fi", "root", probe);
        if (kind == 3) {
            throw new IOException("Failed to upload to '" + remoteDir + "' in container: cannot copy a directory to"
                    + " a file.");
        }
        String prefix = contentsOnly || kind == 4 ? "" : localDir.getFileName().toString() + "/";
        if (kind == 4) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (run("mkdir -p '" + quoted(dst) + "'", "root", out) != 0) {
                throw new IOException("Failed to upload to '" + remoteDir + "' in container: "
                        + out.toString(StandardCharsets.UTF_8).strip());
            }
        }
        Path tar = Files.createTempFile(scratch, "upload", ".tar");
        try {
            try (TarArchiveOutputStream out = tarOut(tar); Stream<Path> walk = Files.walk(localDir)) {
                for (Path p : walk.toList()) {
                    String rel = localDir.relativize(p).toString().replace('\\', '/');
                    if (rel.isEmpty() && prefix.isEmpty()) {
                        continue;
                    }
                    String name = prefix + rel;
                    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                        TarArchiveEntry e = new TarArchiveEntry(p.toFile(), name.endsWith("/") ? name : name + "/");
                        out.putArchiveEntry(e);
                        out.closeArchiveEntry();
                    } else if (Files.isSymbolicLink(p)) {
                        TarArchiveEntry e = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
                        e.setLinkName(Files.readSymbolicLink(p).toString());
                        out.putArchiveEntry(e);
                        out.closeArchiveEntry();
                    } else {
                        TarArchiveEntry e = new TarArchiveEntry(p.toFile(), name);
                        out.putArchiveEntry(e);
                        Files.copy(p, out);
                        out.closeArchiveEntry();
                    }
                }
            }
            copyIn(tar, dst, remoteDir);
        } finally {
            Files.deleteIfExists(tar);
        }
        fixOwner(dst);
    }

    private void copyIn(Path tar, String dir, String destination) throws IOException {
        try (InputStream in = Files.newInputStream(tar)) {
            engine.client().copyArchiveToContainerCmd(container).withRemotePath(dir.isEmpty() ? "/" : dir)
                    .withTarInputStream(in).exec();
        } catch (com.github.dockerjava.api.exception.NotFoundException e) {
            // What docker cp says when the destination's folder is missing.
            throw new IOException("Failed to upload to '" + destination + "' in container: destination \""
                    + container + ":" + dir + "\" must be a directory\n. exit status 1.", e);
        } catch (RuntimeException e) {
            throw new IOException("Failed to upload to '" + destination + "' in container: "
                    + engine.failure(e).getMessage() + "\n. exit status 1.", e);
        }
    }

    private void fixOwner(String destination) throws IOException {
        if (!fixUploadOwner) {
            return;
        }
        String owner = containerUser == null || containerUser.isEmpty() ? "root" : containerUser;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = run("chown -R " + owner + " " + destination, "root", out);
        if (code != 0) {
            throw new IOException("Failed to set owner of the uploaded file: exit status " + code + ", "
                    + out.toString(StandardCharsets.UTF_8));
        }
    }

    @Override
    public void download(String remotePath, OutputStream out) throws IOException {
        try (InputStream archive = engine.client().copyArchiveFromContainerCmd(container, remotePath).exec();
             TarArchiveInputStream tar = new TarArchiveInputStream(archive)) {
            TarArchiveEntry e = tar.getNextEntry();
            if (e == null) {
                throw new IOException("Failed to read header from tar stream: EOF");
            }
            tar.transferTo(out);
        } catch (RuntimeException e) {
            throw new IOException("Error downloading file: " + engine.failure(e).getMessage() + "\n", e);
        }
    }

    @Override
    public void downloadDir(String remoteDir, Path localDir) throws IOException {
        Files.createDirectories(localDir);
        Path root = localDir.toAbsolutePath().normalize();
        try (InputStream archive = engine.client().copyArchiveFromContainerCmd(container, remoteDir).exec();
             TarArchiveInputStream tar = new TarArchiveInputStream(archive)) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                Path target = root.resolve(e.getName()).normalize();
                if (!target.startsWith(root)) {
                    throw new IOException("the archive of " + remoteDir + " names a path outside "
                            + localDir + ": " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else if (e.isSymbolicLink()) {
                    Files.createDirectories(target.getParent());
                    Files.deleteIfExists(target);
                    Files.createSymbolicLink(target, Path.of(e.getLinkName()));
                } else if (e.isFile()) {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (RuntimeException e) {
            throw new IOException("Error downloading directory: " + engine.failure(e).getMessage(), e);
        }
    }

    private static TarArchiveOutputStream tarOut(Path tar) throws IOException {
        TarArchiveOutputStream out = new TarArchiveOutputStream(Files.newOutputStream(tar));
        out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        return out;
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? (slash == 0 ? "/" : ".") : path.substring(0, slash);
    }

    private static String quoted(String s) {
        return s.replace("'", "'\\''");
    }
}
