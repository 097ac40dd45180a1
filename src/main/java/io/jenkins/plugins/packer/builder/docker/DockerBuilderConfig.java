package io.jenkins.plugins.packer.builder.docker;

import io.jenkins.plugins.packer.communicator.CommunicatorChecks;
import io.jenkins.plugins.packer.component.ComponentConfig;
import io.jenkins.plugins.packer.component.MultiError;
import io.jenkins.plugins.packer.component.PrepareContext;
import io.jenkins.plugins.packer.component.Prepared;
import io.jenkins.plugins.packer.component.Preparer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * The docker builder's Prepare: an image (or a {@code build} block), exactly one of {@code commit}, {@code discard}
 * and {@code export_path}, an export path that is not a directory, a login server for an ECR login. See
 * <a href="https://developer.hashicorp.com/packer/integrations/hashicorp/docker/latest/components/builder/docker">the
 * docker builder</a>.
 */
public final class DockerBuilderConfig implements Preparer {

    static final String ARTIFACT_CONFLICT = "Cannot specify more than one of commit, discard, and export_path";
    static final String ARTIFACT_UNUSED =
            "No instructions given for handling the artifact; expected commit, discard, or export_path";

    /** Whether the source has a {@code build} block (an image built from a Dockerfile first). */
    static boolean buildsFromDockerfile(ComponentConfig c) {
        ComponentConfig build = c.block("build");
        return build != null && build.value().isKnown();
    }

    @Override
    public String kind() {
        return "builder";
    }

    @Override
    public String type() {
        return "docker";
    }

    @Override
    public List<String> renderExcluded() {
        // run_command is a template of its own, rendered with the image and volumes when the container starts.
        return List.of("run_command");
    }

    @Override
    public Prepared prepare(ComponentConfig c, PrepareContext ctx) {
        MultiError errs = new MultiError();
        List<String> warnings = new ArrayList<>();
        // Packer 1.6.6's order and words; the build block (a Dockerfile built first) is the docker plugin's since.
        errs.addAll(CommunicatorChecks.prepare(c, ctx, "docker"));
        if (buildsFromDockerfile(c)) {
            if (c.block("build").string("path").isEmpty()) {
                errs.add("`path` is required for bootstrapping a build with `docker build`");
            }
            if (!c.string("image").isEmpty()) {
                errs.add("`image` cannot be specified with a build config");
            }
            if (c.bool("pull")) {
                warnings.add("when running a bootstrap build, the `pull` option is ignored and is replaced by"
                        + " `build.pull` (true by default)");
            }
        } else if (c.string("image").isEmpty()) {
            errs.add("Image must be specified");
        }
        boolean export = !c.string("export_path").isEmpty();
        boolean commit = c.bool("commit");
        boolean discard = c.bool("discard");
        if (export && commit || export && discard || commit && discard) {
            errs.add(ARTIFACT_CONFLICT);
        }
        if (!export && !commit && !discard) {
            errs.add(ARTIFACT_UNUSED);
        }
        if (export && Files.isDirectory(ctx.workDir().resolve(c.string("export_path")))) {
            errs.add("export_path must be a file, not a directory");
        }
        if (c.bool("ecr_login") && c.string("login_server").isEmpty()) {
            errs.add("ECR login requires login server to be provided.");
        }
        return new Prepared(warnings, errs.error());
    }
}
