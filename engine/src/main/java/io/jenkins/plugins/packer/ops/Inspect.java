package io.jenkins.plugins.packer.ops;

import io.jenkins.plugins.packer.template.BuildBlock;
import io.jenkins.plugins.packer.template.HclConfig;
import io.jenkins.plugins.packer.template.PostProcessorBlock;
import io.jenkins.plugins.packer.template.ProvisionerBlock;
import io.jenkins.plugins.packer.template.SourceUse;
import java.util.List;

/**
 * {@code packer inspect} for an HCL2 configuration: its variables with their values, and each build's sources,
 * provisioners and post-processor chains. See <a href="https://developer.hashicorp.com/packer/docs/commands/inspect">
 * packer inspect</a>.
 */
public final class Inspect {

    private Inspect() {
    }

    /** What packer prints, line breaks included. */
    public static String hcl(HclConfig cfg) {
        StringBuilder out = new StringBuilder("Packer Inspect: HCL2 mode\n\n");
        out.append(Console.variables(cfg)).append('\n');
        out.append(builds(cfg.builds())).append('\n');
        return out.toString();
    }

    static String builds(List<BuildBlock> builds) {
        StringBuilder out = new StringBuilder("> builds:\n");
        for (int i = 0; i < builds.size(); i++) {
            BuildBlock b = builds.get(i);
            String name = b.name() == null || b.name().isEmpty() ? "<unnamed build " + i + ">" : b.name();
            out.append("\n  > ").append(name).append(":\n");
            if (b.description() != null && !b.description().isEmpty()) {
                out.append("\n  > Description: ").append(b.description()).append('\n');
            }
            out.append("\n    sources:\n");
            if (b.sources().isEmpty()) {
                out.append("\n      <no source>\n");
            }
            for (SourceUse s : b.sources()) {
                out.append("\n      ").append(s.ref()).append('\n');
            }
            out.append("\n    provisioners:\n\n");
            if (b.provisioners().isEmpty()) {
                out.append("      <no provisioner>\n");
            }
            for (ProvisionerBlock p : b.provisioners()) {
                out.append("      ").append(label(p.type(), p.name())).append('\n');
            }
            out.append("\n    post-processors:\n");
            if (b.postProcessorChains().isEmpty()) {
                out.append("\n      <no post-processor>\n");
            }
            for (int c = 0; c < b.postProcessorChains().size(); c++) {
                out.append("\n      ").append(c).append(":\n");
                for (PostProcessorBlock pp : b.postProcessorChains().get(c)) {
                    out.append("        ").append(label(pp.type(), pp.name())).append('\n');
                }
            }
        }
        return out.toString();
    }

    private static String label(String type, String name) {
        return name == null || name.isEmpty() ? type : type + "." + name;
    }
}
