package io.jenkins.plugins.packer.datasource.amazon;

import io.jenkins.plugins.packer.builder.amazon.common.AmazonConfigChecks;
import io.jenkins.plugins.packer.component.ComponentConfig;
import io.jenkins.plugins.packer.component.MultiError;
import io.jenkins.plugins.packer.component.Prepared;
import io.jenkins.plugins.packer.value.Value;

/**
 * The Configure checks the Amazon data sources share, in packer-plugin-amazon's words: the access options, then
 * what each data source cannot do without. A value not known yet (validate, before data sources run) passes.
 */
final class AmazonDataSourceChecks {

    private AmazonDataSourceChecks() {
    }

    /** The access checks, then {@code message} for each of {@code required} that is missing, in order. */
    static Prepared configure(ComponentConfig c, String... requiredAndMessage) {
        MultiError errs = new MultiError();
        errs.addAll(AmazonConfigChecks.access(c));
        for (int i = 0; i < requiredAndMessage.length; i += 2) {
            if (missing(c.value().getAttr(requiredAndMessage[i]))) {
                errs.add(requiredAndMessage[i + 1]);
            }
        }
        return Prepared.of(errs);
    }

    /** Unset, or known and empty (a string, a list or a map). */
    private static boolean missing(Value v) {
        if (v.isNull()) {
            return true;
        }
        if (!v.isKnown()) {
            return false;
        }
        Value plain = v.unmark();
        return plain.type().equals(io.jenkins.plugins.packer.value.Type.STRING) ? plain.asString().isEmpty()
                : plain.length() == 0;
    }
}
