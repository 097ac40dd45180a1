package io.jenkins.plugins.packer.postprocessor.compress;

import io.jenkins.plugins.packer.component.ComponentConfig;
import io.jenkins.plugins.packer.component.LocalFiles;
import io.jenkins.plugins.packer.gotemplate.GoTemplateException;
import io.jenkins.plugins.packer.gotemplate.Interpolation;
import io.jenkins.plugins.packer.run.Artifact;
import io.jenkins.plugins.packer.run.BuildContext;
import io.jenkins.plugins.packer.run.BuildFailure;
import io.jenkins.plugins.packer.run.GoErrors;
import io.jenkins.plugins.packer.run.PostProcessor;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;

/**
 * The {@code compress} post-processor: archives the artifact's files (tar or zip) and/or compresses them (gzip,
 * lz4, bgzf or xz), as the output's extensions (and {@code format}) say: {@code x.tar.gz} is a gzipped tar,
 * {@code x.gz} one gzipped file, {@code x.zip} a zip, and a name without a known extension a gzipped tar. The new
 * artifact is the output file; the input is not kept unless {@code keep_input_artifact} says so. See
 * <a href="https://developer.hashicorp.com/packer/docs/post-processors/compress">compress</a>.
 */
public final class CompressPostProcessor implements PostProcessor {

    static final String BUILDER_ID = "packer.post-processor.compress";
    static final String DEFAULT_OUTPUT = "packer_{{.BuildName}}_{{.BuilderType}}";

    /** What an output name asks for: an archive ({@code tar}, {@code zip} or null) and an algorithm (or null). */
    record Kind(String archive, String algorithm) {}

    @Override
    public String type() {
        return "compress";
    }

    /** Packer's detection from the output's extensions. */
    static Kind detect(String name) {
        String base = Path.of(name).getFileName() == null ? name : Path.of(name).getFileName().toString();
        String[] parts = base.split("\\.", -1);
        String last = parts.length > 1 ? parts[parts.length - 1] : "";
        String before = parts.length > 2 ? parts[parts.length - 2] : "";
        String algorithm = switch (last) {
            case "gz" -> "pgzip";
            case "lz4", "bgzf", "xz" -> last;
            default -> null;
        };
        if (algorithm == null) {
            return last.equals("tar") || last.equals("zip") ? new Kind(last, null) : new Kind("tar", "pgzip");
        }
        return new Kind(before.equals("tar") || before.equals("zip") ? before : null, algorithm);
    }

    @Override
    public Result postProcess(BuildContext ctx, ComponentConfig config, Artifact input) throws BuildFailure {
        String outputTemplate = config.string("output");
        if (outputTemplate.isEmpty()) {
            outputTemplate = DEFAULT_OUTPUT;
        }
        Map<String, Object> data = new HashMap<>(input.generatedData());
        data.put("BuildName", ctx.packerBuildName());
        data.put("BuilderType", ctx.builderType());
        String output;
        try {
            output = Interpolation.render(outputTemplate, ctx.interpolation().withData(data));
        } catch (GoTemplateException e) {
            throw new BuildFailure(e.getMessage());
        }
        String format = config.string("format");
        Kind kind = detect(format.isEmpty() ? output : output + "." + format);
        long level = config.isSet("compression_level") ? config.number("compression_level") : -1;
        int lvl = level == -1 || level == 0 ? 6 : (int) Math.max(1, Math.min(9, level));
        Path target = ctx.resolve(output);
        try {
            if (target.getParent() != null) {
                Files.createDirectories(target.getParent());
            }
        } catch (IOException e) {
            throw new BuildFailure("Unable to create dir: " + GoErrors.path("mkdir", String.valueOf(target.getParent()),
                    e));
        }
        int cores = Runtime.getRuntime().availableProcessors();
        if (kind.algorithm() != null) {
            ctx.ui().say(kind.algorithm().equals("xz")
                    ? "Using xz compression with 1 core for " + output + " (library does not support MT)"
                    : "Using " + kind.algorithm() + " compression with " + cores + " cores for " + output);
        }
        List<String> files = input.files();
        if (kind.archive() == null && files.size() != 1) {
            throw new BuildFailure("Can only have 1 input file when not using tar/zip. Found " + files.size()
                    + " files: [" + String.join(" ", files) + "]");
        }
        try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(target));
             OutputStream out = compressor(raw, kind.algorithm(), lvl)) {
            if ("zip".equals(kind.archive())) {
                ctx.ui().say("Zipping " + output);
                zip(ctx, files, out, lvl);
            } else if ("tar".equals(kind.archive())) {
                ctx.ui().say("Tarring " + output + " with "
                        + (kind.algorithm() == null ? "no compression" : kind.algorithm()));
                tar(ctx, files, out);
            } else {
                ctx.ui().say("Archiving " + files.get(0) + " with " + kind.algorithm());
                try (InputStream in = Files.newInputStream(ctx.resolve(files.get(0)))) {
                    in.transferTo(out);
                }
            }
        } catch (IOException e) {
            throw new BuildFailure("Failed to compress " + output + ": " + e.getMessage());
        }
        ctx.ui().say("Archive " + output + " completed");
        Artifact a = new Artifact(BUILDER_ID, output, "compressed artifacts in: " + output, List.of(output),
                input.generatedData(), () -> Files.deleteIfExists(target));
        return new Result(a, false, false);
    }

    private static OutputStream compressor(OutputStream raw, String algorithm, int level) throws IOException {
        if (algorithm == null) {
            return raw;
        }
        switch (algorithm) {
            case "pgzip": {
                GzipParameters p = new GzipParameters();
                p.setCompressionLevel(level);
                p.setOperatingSystem(255);
                p.setModificationTime(0);
                return new GzipCompressorOutputStream(raw, p);
            }
            case "lz4":
                return new FramedLZ4CompressorOutputStream(raw);
            case "bgzf":
                return new Bgzf(raw, level);
            case "xz":
                return new XZCompressorOutputStream(raw, Math.min(level, 9));
            default:
                throw new IllegalArgumentException(algorithm);
        }
    }

    private static void tar(BuildContext ctx, List<String> files, OutputStream out) throws IOException {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_GNU);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_STAR);
        for (String f : files) {
            Path p = ctx.resolve(f);
            TarArchiveEntry e = new TarArchiveEntry(p.getFileName().toString());
            e.setSize(Files.size(p));
            e.setMode(LocalFiles.mode(p));
            e.setModTime(0);
            Object uid = Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            Object gid = Files.getAttribute(p, "unix:gid", LinkOption.NOFOLLOW_LINKS);
            e.setUserId(((Number) uid).longValue());
            e.setGroupId(((Number) gid).longValue());
            e.setUserName(Files.getOwner(p).getName());
            e.setGroupName(((java.nio.file.attribute.GroupPrincipal) Files.getAttribute(p, "posix:group",
                    LinkOption.NOFOLLOW_LINKS)).getName());
            tar.putArchiveEntry(e);
            try (InputStream in = Files.newInputStream(p)) {
                in.transferTo(tar);
            }
            tar.closeArchiveEntry();
        }
        tar.finish();
    }

    private static void zip(BuildContext ctx, List<String> files, OutputStream out, int level) throws IOException {
        ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out);
        zip.setLevel(level);
        for (String f : files) {
            Path p = ctx.resolve(f);
            ZipArchiveEntry e = new ZipArchiveEntry(p.getFileName().toString());
            e.setMethod(ZipArchiveEntry.DEFLATED);
            e.setUnixMode(LocalFiles.mode(p));
            zip.putArchiveEntry(e);
            try (InputStream in = Files.newInputStream(p)) {
                in.transferTo(zip);
            }
            zip.closeArchiveEntry();
        }
        zip.finish();
    }

}
