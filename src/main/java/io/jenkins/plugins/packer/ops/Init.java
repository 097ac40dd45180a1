package io.jenkins.plugins.packer.ops;

import io.jenkins.plugins.packer.hcl.Diagnostics;
import io.jenkins.plugins.packer.template.HclConfig;
import io.jenkins.plugins.packer.template.LoadRequest;
import io.jenkins.plugins.packer.template.RequiredPlugin;
import io.jenkins.plugins.packer.template.RequiredPlugins;
import java.util.List;
import java.util.Map;

/**
 * {@code packer init} for an engine whose components are built in: every required plugin is reported as built in, or
 * as one pkrj cannot provide. Nothing is downloaded.
 */
public final class Init {

    /** The plugins whose components pkrj carries, by source address, with what they provide. */
    static final Map<String, String> BUILT_IN = Map.of(
            "github.com/hashicorp/amazon", "builders amazon-chroot, amazon-ebs, amazon-ebssurrogate, amazon-ebsvolume,"
                    + " amazon-instance; data sources amazon-ami, amazon-parameterstore, amazon-secretsmanager");

    /**
     * What init found: one line per plugin, whether any is not supported, the problems reading the template, and the
     * files read (for the problems' source lines).
     */
    public record Result(List<String> lines, boolean unsupported, Diagnostics diags,
                         java.util.Map<String, io.jenkins.plugins.packer.hcl.DiagnosticWriter.SourceFile> sources) {}

    private Init() {
    }

    public static Result run(LoadRequest req) {
        Diagnostics diags = new Diagnostics();
        HclConfig cfg = HclConfig.load(req, diags);
        if (diags.hasErrors()) {
            return new Result(List.of(), false, diags, cfg == null ? java.util.Map.of() : cfg.sourceFiles());
        }
        List<RequiredPlugin> plugins = RequiredPlugins.of(cfg.files(), diags);
        if (diags.hasErrors()) {
            return new Result(List.of(), false, diags, cfg.sourceFiles());
        }
        if (plugins.isEmpty()) {
            return new Result(List.of("", "No plugins requirement found, make sure you reference a Packer config",
                    "containing a packer.required_plugins block. See",
                    "https://www.packer.io/docs/templates/hcl_templates/blocks/packer", "for more info."), false, diags,
                    cfg.sourceFiles());
        }
        boolean unsupported = false;
        List<String> lines = new java.util.ArrayList<>();
        for (RequiredPlugin p : plugins) {
            String provides = BUILT_IN.get(p.source().toLowerCase(java.util.Locale.ROOT));
            if (provides != null) {
                lines.add("Plugin " + p.source() + " " + p.version() + " is built into pkrj (" + provides + ")");
            } else {
                unsupported = true;
                lines.add("Plugin " + p.source() + " is not available in pkrj: its components are not built in, and"
                        + " pkrj does not install plugins");
            }
        }
        return new Result(List.copyOf(lines), unsupported, diags, cfg.sourceFiles());
    }
}
