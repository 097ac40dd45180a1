package io.jenkins.plugins.packer.builder.file;

import io.jenkins.plugins.packer.component.ComponentConfig;
import io.jenkins.plugins.packer.component.MultiError;
import io.jenkins.plugins.packer.component.PrepareContext;
import io.jenkins.plugins.packer.component.Prepared;
import io.jenkins.plugins.packer.component.Preparer;
import java.util.List;

/**
 * The file builder's Prepare: a target, and a source file or inline content but not both. See
 * <a href="https://developer.hashicorp.com/packer/docs/builders/file">the file builder</a>.
 */
public final class FileBuilderConfig implements Preparer {

    @Override
    public String kind() {
        return "builder";
    }

    @Override
    public String type() {
        return "file";
    }

    @Override
    public Prepared prepare(ComponentConfig c, PrepareContext ctx) {
        MultiError errs = new MultiError();
        if (c.string("target").isEmpty()) {
            errs.add("target required");
        }
        String content = c.string("content");
        String source = c.string("source");
        List<String> warnings = content.isEmpty() && source.isEmpty()
                ? List.of("Both source file and contents are blank; target will have no content") : List.of();
        if (!content.isEmpty() && !source.isEmpty()) {
            errs.add("Cannot specify source file AND content");
        }
        return new Prepared(warnings, errs.error());
    }
}
