package io.jenkins.plugins.packer.cli;

import io.jenkins.plugins.packer.ops.Init;
import io.jenkins.plugins.packer.template.LoadRequest;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/** {@code pkrj init}: reports how each plugin a template requires is provided; installs nothing. */
final class InitCommand extends Declared {

    @Override
    String name() {
        return "init";
    }

    @Override
    void declare(CommandSpec spec) {
        // -upgrade is accepted for compatibility: pkrj's components are built in.
        flag(spec, "upgrade", false);
        template(spec);
    }

    @Override
    String help() {
        return """
                Usage: pkrj init [options] [config.pkr.hcl|folder/]

                  Reports how each plugin listed in the packer.required_plugins blocks of the
                  configuration is provided. pkrj's components are built in: it downloads and
                  installs nothing. A plugin it does not carry is an error.

                Options:
                  -upgrade     Accepted for compatibility with packer; has no effect.""";
    }

    @Override
    public Integer call() {
        Init.Result r = Init.run(LoadRequest.of(io.workDir(), template(), io.env()));
        if (Diags.write(io, r.sources(), r.diags()) != 0) {
            return 1;
        }
        r.lines().forEach(io.out()::println);
        return r.unsupported() ? 1 : 0;
    }
}
