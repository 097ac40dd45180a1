package io.jenkins.plugins.packer.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code -var 'key=value'}, repeatable, in command-line order; the last value of a key wins. */
final class VarOptions {

    @Spec(Spec.Target.MIXEE)
    picocli.CommandLine.Model.CommandSpec spec;

    private final Map<String, String> vars = new LinkedHashMap<>();

    @Option(names = {"-var", "--var"}, paramLabel = "key=value", description = "Variable for templates, can be used"
            + " multiple times.")
    void var(String kv) {
        int eq = kv.indexOf('=');
        if (eq < 0) {
            throw new ParameterException(spec.commandLine(), "invalid value \"" + kv + "\" for flag -var: Variables"
                    + " must be of the form key=value");
        }
        vars.put(kv.substring(0, eq), kv.substring(eq + 1));
    }

    Map<String, String> values() {
        return vars;
    }
}
