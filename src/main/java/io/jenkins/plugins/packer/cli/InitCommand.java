package io.jenkins.plugins.packer.cli;

import io.jenkins.plugins.packer.ops.Init;
import io.jenkins.plugins.packer.template.LoadRequest;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pkrj init}: reports how each plugin a template requires is provided; installs nothing. */
@Command(name = "init", description = "Install missing plugins or upgrade plugins")
final class InitCommand extends Main.IoCommand {

    @Option(names = {"-upgrade", "--upgrade"}, arity = "0..1", description = "Accepted for compatibility: pkrj's"
            + " components are built in.")
    boolean upgrade;

    @Parameters(arity = "1", paramLabel = "TEMPLATE")
    String template;

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
        Init.Result r = Init.run(LoadRequest.of(io.workDir(), template, io.env()));
        if (Diags.write(io, r.sources(), r.diags()) != 0) {
            return 1;
        }
        r.lines().forEach(io.out()::println);
        return r.unsupported() ? 1 : 0;
    }
}
