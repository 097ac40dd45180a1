package io.jenkins.plugins.packer.postprocessor.checksum;

import io.jenkins.plugins.packer.component.ComponentConfig;
import io.jenkins.plugins.packer.gotemplate.GoTemplateException;
import io.jenkins.plugins.packer.gotemplate.Interpolation;
import io.jenkins.plugins.packer.run.Artifact;
import io.jenkins.plugins.packer.run.BuildContext;
import io.jenkins.plugins.packer.run.BuildFailure;
import io.jenkins.plugins.packer.run.GoErrors;
import io.jenkins.plugins.packer.run.PostProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The {@code checksum} post-processor: for each checksum type and each file of the artifact, appends
 * {@code HEX\tBASENAME} to the rendered output file; the new artifact lists the input files and the checksum files
 * it created. See <a href="https://developer.hashicorp.com/packer/docs/post-processors/checksum">checksum</a>.
 */
public final class ChecksumPostProcessor implements PostProcessor {

    static final String BUILDER_ID = "packer.post-processor.checksum";
    static final String DEFAULT_OUTPUT = "packer_{{.BuildName}}_{{.BuilderType}}_{{.ChecksumType}}.checksum";
    private static final Map<String, String> ALGORITHMS = Map.of("md5", "MD5", "sha1", "SHA-1", "sha224", "SHA-224",
            "sha256", "SHA-256", "sha384", "SHA-384", "sha512", "SHA-512");

    @Override
    public String type() {
        return "checksum";
    }

    @Override
    public Result postProcess(BuildContext ctx, ComponentConfig config, Artifact input) throws BuildFailure {
        List<String> types = config.strings("checksum_types");
        if (types == null || types.isEmpty()) {
            types = List.of("md5");
        }
        String output = config.string("output");
        if (output.isEmpty()) {
            output = DEFAULT_OUTPUT;
        }
        Map<String, Object> data = new HashMap<>(input.generatedData());
        data.put("BuildName", ctx.packerBuildName());
        data.put("BuilderType", ctx.builderType());
        List<String> files = new ArrayList<>(input.files());
        for (String type : types) {
            data.put("ChecksumType", type);
            Interpolation.Context ictx = ctx.interpolation().withData(data);
            for (String file : input.files()) {
                String checksumFile;
                try {
                    checksumFile = Interpolation.render(output, ictx);
                } catch (GoTemplateException e) {
                    throw new BuildFailure(e.getMessage());
                }
                Path out = ctx.resolve(checksumFile);
                if (!Files.exists(out)) {
                    files.add(checksumFile);
                }
                try {
                    if (out.getParent() != null) {
                        Files.createDirectories(out.getParent());
                    }
                } catch (IOException e) {
                    throw new BuildFailure("unable to create dir: " + GoErrors.path("mkdir",
                            String.valueOf(out.getParent()), e));
                }
                String line = hash(type, ctx.resolve(file), file) + "\t" + Path.of(file).getFileName() + "\n";
                try {
                    Files.writeString(out, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND, StandardOpenOption.WRITE);
                } catch (IOException e) {
                    throw new BuildFailure("unable to create file " + checksumFile + ": "
                            + GoErrors.path("open", checksumFile, e));
                }
            }
        }
        List<String> all = List.copyOf(files);
        Artifact a = new Artifact(BUILDER_ID, "", "Created artifact from files: " + String.join(", ", all), all,
                input.generatedData(), () -> {
                    for (String f : all) {
                        Files.deleteIfExists(ctx.resolve(f));
                    }
                });
        return new Result(a, true, true);
    }

    private static String hash(String type, Path file, String shown) throws BuildFailure {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance(ALGORITHMS.get(type));
        } catch (NoSuchAlgorithmException e) {
            throw new BuildFailure("Unrecognized checksum type: " + type);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        } catch (IOException e) {
            throw new BuildFailure("unable to open file " + shown + ": " + GoErrors.path("open", shown, e));
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
