package io.jenkins.plugins.packer.component;

import io.jenkins.plugins.packer.value.Type;
import io.jenkins.plugins.packer.value.Value;
import java.nio.file.Path;
import java.util.Map;

/**
 * A data source that can run ({@code data "amazon-ami" "x" {...}}), found with {@link java.util.ServiceLoader}: it
 * reads its configuration and returns an object the template refers to as {@code data.TYPE.NAME.ATTR}. Validation
 * does not run it: its outputs are then unknown values of {@link #outputType()}.
 */
public interface DataSource {

    String type();

    /** The object type of the outputs. */
    Type outputType();

    /**
     * Packer's {@code Configure}: the checks of the decoded configuration, made by validation too (values known only
     * later are not checked).
     */
    default Prepared configure(ComponentConfig config) {
        return Prepared.OK;
    }

    /**
     * Runs the data source; {@code env} is the run's environment (credentials), {@code workDir} the template's
     * folder.
     */
    Value execute(ComponentConfig config, Map<String, String> env, Path workDir) throws Failure;

    /** Why a data source could not give its outputs, in words for the user. */
    final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        public Failure(String message) {
            super(message, null, false, false);
        }
    }

    /** The data sources that can run, by type. */
    static DataSource of(String type) {
        for (DataSource d : java.util.ServiceLoader.load(DataSource.class, DataSource.class.getClassLoader())) {
            if (d.type().equals(type)) {
                return d;
            }
        }
        return null;
    }
}
