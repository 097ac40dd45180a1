package io.jenkins.plugins.packer.datasource.nulls;

import io.jenkins.plugins.packer.component.ComponentConfig;
import io.jenkins.plugins.packer.component.DataSource;
import io.jenkins.plugins.packer.component.MultiError;
import io.jenkins.plugins.packer.component.Prepared;
import io.jenkins.plugins.packer.value.Type;
import io.jenkins.plugins.packer.value.Value;
import java.nio.file.Path;
import java.util.Map;

/**
 * Packer's {@code null} data source: its {@code output} is its {@code input}, for trying out data sources and for
 * ordering. See <a href="https://developer.hashicorp.com/packer/docs/datasources/null">null</a>.
 */
public final class NullDataSource implements DataSource {

    @Override
    public String type() {
        return "null";
    }

    @Override
    public Type outputType() {
        return Type.object(Map.of("output", Type.STRING));
    }

    @Override
    public Prepared configure(ComponentConfig config) {
        Value input = config.value().getAttr("input");
        if (input.isNull() || input.isKnown() && input.unmark().asString().isEmpty()) {
            return Prepared.of(new MultiError().add("The `input` must be specified"));
        }
        return Prepared.OK;
    }

    @Override
    public Value execute(ComponentConfig config, Map<String, String> env, Path workDir) {
        return Value.object(Map.of("output", Value.string(config.string("input"))));
    }
}
