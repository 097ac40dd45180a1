package io.jenkins.plugins.packer.cli;

import io.jenkins.plugins.packer.component.ComponentSpecs;
import io.jenkins.plugins.packer.template.upgrade.Hcl2UpgradeRun;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code pkrj hcl2_upgrade}: converts a legacy JSON template to HCL2, as {@code packer hcl2_upgrade}. Builders we do
 * not ship are reported as unknown (exit 1), as packer reports builders it has no plugin for.
 */
final class Hcl2UpgradeCommand extends Declared {

    @Override
    String name() {
        return "hcl2_upgrade";
    }

    @Override
    void declare(CommandSpec spec) {
        value(spec, "output-file", String.class);
        flag(spec, "with-annotations", false);
        template(spec);
    }

    @Override
    String help() {
        return """
                Usage: pkrj hcl2_upgrade [options] TEMPLATE

                  Will transform your JSON template into an HCL2 configuration.

                Options:

                  -output-file=path    Set output file name. By default this will be the
                                       TEMPLATE name with ".pkr.hcl" appended to it. To be a
                                       valid Packer HCL template, it must have the suffix
                                       ".pkr.hcl"
                  -with-annotations    Add helper annotation comments to the file to help new
                                       HCL2 users understand the template format.""";
    }

    @Override
    public Integer call() {
        Hcl2UpgradeRun.Result r = Hcl2UpgradeRun.run(io.workDir(), template(), value("output-file", null),
                flag("with-annotations"),
                type -> ComponentSpecs.builder(type) != null);
        io.out().print(r.output());
        io.out().flush();
        return r.exitCode();
    }
}
