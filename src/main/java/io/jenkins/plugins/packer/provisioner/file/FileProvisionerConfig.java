package io.jenkins.plugins.packer.provisioner.file;

import io.jenkins.plugins.packer.component.ComponentConfig;
import io.jenkins.plugins.packer.component.LocalFiles;
import io.jenkins.plugins.packer.component.MultiError;
import io.jenkins.plugins.packer.component.PrepareContext;
import io.jenkins.plugins.packer.component.Prepared;
import io.jenkins.plugins.packer.component.Preparer;
import java.util.ArrayList;
import java.util.List;

/**
 * The file provisioner's Prepare: a direction, sources that exist when uploading (unless {@code generated}), or
 * inline {@code content} (Packer 1.7+), and a destination. See
 * <a href="https://developer.hashicorp.com/packer/docs/provisioners/file">the file provisioner</a>.
 */
public final class FileProvisionerConfig implements Preparer {

    @Override
    public String kind() {
        return "provisioner";
    }

    @Override
    public String type() {
        return "file";
    }

    @Override
    public Prepared prepare(ComponentConfig c, PrepareContext ctx) {
        MultiError errs = new MultiError();
        String direction = c.string("direction");
        if (direction.isEmpty()) {
            direction = "upload";
        }
        if (!direction.equals("download") && !direction.equals("upload")) {
            errs.add("Direction must be one of: download, upload.");
        }
        List<String> sources = new ArrayList<>(c.stringList("sources"));
        if (!c.string("source").isEmpty()) {
            sources.add(c.string("source"));
        }
        boolean content = !c.string("content").isEmpty();
        if (content && !sources.isEmpty()) {
            errs.add("source(s) conflicts with content.");
        }
        if (direction.equals("upload") && !c.bool("generated")) {
            for (String src : sources) {
                String err = LocalFiles.statError(ctx.workDir(), src);
                if (err != null) {
                    errs.add("Bad source '" + src + "': " + err);
                }
            }
        }
        if (sources.isEmpty() && !content) {
            errs.add("Source must be specified.");
        }
        if (c.string("destination").isEmpty()) {
            errs.add("Destination must be specified.");
        }
        return Prepared.of(errs);
    }
}
