package io.jenkins.plugins.packer.component;

import io.jenkins.plugins.packer.hcl.Diagnostics;
import io.jenkins.plugins.packer.hcl.EvalContext;
import io.jenkins.plugins.packer.hcl.Parser;
import io.jenkins.plugins.packer.hcl.ast.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** Runs a component's Prepare on a configuration written as HCL, as the template would hold it. */
public final class PrepareFixture {

    private PrepareFixture() {
    }

    public static Prepared prepare(String kind, String type, String hcl, Path workDir) {
        return Preparers.prepare(kind, type, config(kind, type, hcl), new PrepareContext(workDir,
                Map.of("HOME", "/home/u"), "name", type));
    }

    /** The decoded configuration of a component written as HCL. */
    public static ComponentConfig config(String kind, String type, String hcl) {
        Diagnostics diags = new Diagnostics();
        File f = Parser.parseConfig(hcl.getBytes(StandardCharsets.UTF_8), "test.pkr.hcl", diags);
        ConfigSpec spec = switch (kind) {
            case "builder" -> ComponentSpecs.builder(type);
            case "provisioner" -> ComponentSpecs.provisioner(type);
            default -> ComponentSpecs.postProcessor(type);
        };
        ComponentConfig config = new ComponentConfig(ConfigDecoder.decode(f.body(), spec,
                new EvalContext(Map.of(), Map.of()), diags));
        if (diags.hasErrors()) {
            throw new IllegalArgumentException("fixture does not decode: " + diags);
        }
        return config;
    }

    public static Prepared prepare(String kind, String type, String hcl) {
        return prepare(kind, type, hcl, Path.of("/nonexistent-workdir"));
    }
}
