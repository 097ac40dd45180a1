package io.jenkins.plugins.packer.builder.file;

import io.jenkins.plugins.packer.component.ComponentConfig;
import io.jenkins.plugins.packer.run.Artifact;
import io.jenkins.plugins.packer.run.BuildContext;
import io.jenkins.plugins.packer.run.BuildFailure;
import io.jenkins.plugins.packer.run.Builder;
import io.jenkins.plugins.packer.run.GoErrors;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

/**
 * The {@code file} builder: writes {@code target} from {@code source} (copied) or {@code content} (mode 0600), then
 * runs the provisioners; its artifact is the file. See
 * <a href="https://developer.hashicorp.com/packer/docs/builders/file">file</a>.
 */
public final class FileBuilder implements Builder {

    static final String BUILDER_ID = "packer.file";

    @Override
    public String type() {
        return "file";
    }

    @Override
    public Artifact run(BuildContext ctx, ComponentConfig config, Hook hook) throws BuildFailure {
        String target = config.string("target");
        Path targetPath = ctx.resolve(target);
        Path dir = Path.of(target).getParent();
        if (dir != null) {
            try {
                Files.createDirectories(ctx.resolve(dir.toString()));
            } catch (IOException e) {
                throw new BuildFailure(GoErrors.path("mkdir", dir.toString(), e));
            }
        }
        String source = config.string("source");
        if (!source.isEmpty()) {
            try (InputStream in = open(ctx.resolve(source), source);
                 OutputStream out = create(targetPath, target)) {
                ctx.ui().say("Copying " + source + " to " + target);
                long n = in.transferTo(out);
                ctx.ui().say("Copied " + n + " bytes");
            } catch (IOException e) {
                throw new BuildFailure(GoErrors.path("write", target, e));
            }
        } else {
            try {
                Files.deleteIfExists(targetPath);
                Files.createFile(targetPath, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------")));
                Files.writeString(targetPath, config.string("content"), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new BuildFailure(GoErrors.path("open", target, e));
            }
        }
        hook.provision(null, Map.of());
        return new Artifact(BUILDER_ID, "File", "Stored file: " + target, List.of(target), Map.of(),
                () -> Files.deleteIfExists(targetPath));
    }

    private static InputStream open(Path p, String shown) throws BuildFailure {
        try {
            return Files.newInputStream(p);
        } catch (IOException e) {
            throw new BuildFailure(GoErrors.path("open", shown, e));
        }
    }

    private static OutputStream create(Path p, String shown) throws BuildFailure {
        try {
            return Files.newOutputStream(p, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new BuildFailure(GoErrors.path("open", shown, e));
        }
    }
}
