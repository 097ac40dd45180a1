package io.jenkins.plugins.packer.postprocessor.checksum;

import io.jenkins.plugins.packer.component.ComponentConfig;
import io.jenkins.plugins.packer.component.MultiError;
import io.jenkins.plugins.packer.component.PrepareContext;
import io.jenkins.plugins.packer.component.Prepared;
import io.jenkins.plugins.packer.component.Preparer;
import java.util.List;

/**
 * The checksum post-processor's Configure: every {@code checksum_types} entry must be a hash it knows. See
 * <a href="https://developer.hashicorp.com/packer/docs/post-processors/checksum">the checksum post-processor</a>.
 */
public final class ChecksumConfig implements Preparer {

    /** The hashes the post-processor computes, by the names templates use. */
    public static final List<String> TYPES = List.of("md5", "sha1", "sha224", "sha256", "sha384", "sha512");

    @Override
    public String kind() {
        return "post-processor";
    }

    @Override
    public String type() {
        return "checksum";
    }

    @Override
    public java.util.List<String> renderExcluded() {
        return java.util.List.of("output");
    }

    @Override
    public Prepared prepare(ComponentConfig c, PrepareContext ctx) {
        MultiError errs = new MultiError();
        for (String t : c.stringList("checksum_types")) {
            if (!TYPES.contains(t)) {
                errs.add("Unrecognized checksum type: " + t);
            }
        }
        return Prepared.of(errs);
    }
}
