package io.jenkins.plugins.packer.provisioner.file;

import io.jenkins.plugins.packer.component.ComponentConfig;
import io.jenkins.plugins.packer.component.LocalFiles;
import io.jenkins.plugins.packer.run.BuildContext;
import io.jenkins.plugins.packer.run.BuildFailure;
import io.jenkins.plugins.packer.run.Communicator;
import io.jenkins.plugins.packer.run.GoErrors;
import io.jenkins.plugins.packer.run.Provisioner;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code file} provisioner: uploads files, directories or {@code content} to the machine, or downloads from it,
 * with Packer's trailing-slash rules (a destination ending with {@code /} is a folder; a source folder without one
 * is copied under its own name). See <a href="https://developer.hashicorp.com/packer/docs/provisioners/file">file</a>.
 */
public final class FileProvisioner implements Provisioner {

    @Override
    public String type() {
        return "file";
    }

    @Override
    public void provision(BuildContext ctx, ComponentConfig c, Communicator comm, Map<String, String> generatedData)
            throws BuildFailure {
        Communicator.required(comm, "file");
        List<String> sources = new ArrayList<>(c.stringList("sources"));
        if (!c.string("source").isEmpty()) {
            sources.add(0, c.string("source"));
        }
        String dst = c.string("destination");
        if (c.string("direction").equals("download")) {
            for (String src : sources) {
                download(ctx, comm, src, dst);
            }
            return;
        }
        if (c.isSet("content")) {
            byte[] content = c.string("content").getBytes(StandardCharsets.UTF_8);
            ctx.ui().say("Uploading content => " + dst);
            upload(ctx, comm, new ByteArrayInputStream(content), content.length, 0644, dst);
            return;
        }
        for (String src : sources) {
            ctx.ui().say("Uploading " + src + " => " + dst);
            Path local = ctx.resolve(src);
            if (!Files.exists(local)) {
                throw new BuildFailure(GoErrors.path("stat", src, new java.nio.file.NoSuchFileException(src)));
            }
            if (Files.isDirectory(local)) {
                try {
                    comm.uploadDir(dst, local, src.endsWith("/"));
                } catch (IOException e) {
                    ctx.ui().error("Upload failed: " + e.getMessage());
                    throw new BuildFailure(e.getMessage());
                }
                continue;
            }
            String fileDst = dst.endsWith("/") ? dst + local.getFileName() : dst;
            try (InputStream in = Files.newInputStream(local)) {
                upload(ctx, comm, in, Files.size(local), LocalFiles.mode(local), fileDst);
            } catch (IOException e) {
                throw new BuildFailure(GoErrors.path("open", src, e));
            }
        }
    }

    private static void upload(BuildContext ctx, Communicator comm, InputStream in, long size, int mode, String dst)
            throws BuildFailure {
        try {
            comm.upload(dst, in, size, mode);
        } catch (IOException e) {
            ctx.ui().error("Upload failed: " + e.getMessage());
            throw new BuildFailure(e.getMessage());
        }
    }

    private static void download(BuildContext ctx, Communicator comm, String src, String dst) throws BuildFailure {
        ctx.ui().say("Downloading " + src + " => " + dst);
        String target = dst;
        String dir = dst;
        if (!dst.endsWith("/")) {
            Path parent = Path.of(dst).getParent();
            dir = parent == null ? "" : parent.toString();
        } else if (!src.endsWith("/") && !src.endsWith("*")) {
            target = dst + Path.of(src).getFileName();
        }
        try {
            if (!dir.isEmpty()) {
                Files.createDirectories(ctx.resolve(dir));
            }
            if (src.endsWith("/") || src.chars().anyMatch(ch -> ch == '*' || ch == '?' || ch == '[')) {
                comm.downloadDir(src, ctx.resolve(target));
                return;
            }
            try (OutputStream out = Files.newOutputStream(ctx.resolve(target))) {
                comm.download(src, out);
            }
        } catch (IOException e) {
            ctx.ui().error("Download failed: " + e.getMessage());
            throw new BuildFailure(e.getMessage());
        }
    }

}
