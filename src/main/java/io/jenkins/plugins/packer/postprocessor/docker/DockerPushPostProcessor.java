package io.jenkins.plugins.packer.postprocessor.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.PushResponseItem;
import io.jenkins.plugins.packer.builder.docker.DockerBuilder;
import io.jenkins.plugins.packer.component.ComponentConfig;
import io.jenkins.plugins.packer.docker.DockerEngine;
import io.jenkins.plugins.packer.docker.EcrLogin;
import io.jenkins.plugins.packer.run.Artifact;
import io.jenkins.plugins.packer.run.BuildContext;
import io.jenkins.plugins.packer.run.BuildFailure;
import io.jenkins.plugins.packer.run.Cancellation;
import io.jenkins.plugins.packer.run.PostProcessor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code docker-push} post-processor: pushes the image of an imported or tagged artifact, and each of its tags,
 * to its registry, logged in with {@code login_username}/{@code login_password} when {@code login} is set. See
 * <a href="https://developer.hashicorp.com/packer/integrations/hashicorp/docker/latest/components/post-processor/docker-push">
 * docker-push</a>.
 */
public final class DockerPushPostProcessor implements PostProcessor {

    @Override
    public String type() {
        return "docker-push";
    }

    @Override
    public Result postProcess(BuildContext ctx, ComponentConfig c, Artifact input) throws BuildFailure {
        DockerArtifacts.require(input, "Can only import from docker-import and docker-tag artifacts.",
                DockerBuilder.IMPORT_ID, DockerTagPostProcessor.BUILDER_ID);
        String username = c.string("login_username");
        String password = c.string("login_password");
        if (c.bool("ecr_login")) {
            ctx.ui().message("Fetching ECR credentials...");
            try {
                EcrLogin.Login ecr = EcrLogin.fetch(ctx, c, c.string("login_server"));
                username = ecr.username();
                password = ecr.password();
            } catch (EcrLogin.Failure e) {
                throw new BuildFailure(e.getMessage());
            }
        }
        AuthConfig auth = null;
        if (c.bool("login") || c.bool("ecr_login")) {
            ctx.ui().message("Logging in...");
            auth = new AuthConfig().withUsername(username).withPassword(password)
                    .withRegistryAddress(c.string("login_server"));
        }
        // The image's name, then its tags; once each (Packer 1.6.6 pushes the last tag twice).
        java.util.LinkedHashSet<String> unique = new java.util.LinkedHashSet<>();
        unique.add(input.id());
        unique.addAll(input.state().getOrDefault(DockerBuilder.TAGS, List.of()));
        List<String> names = new ArrayList<>(unique);
        try (DockerEngine engine = DockerEngine.connect(ctx.env())) {
            if (auth != null) {
                try {
                    engine.login(c.string("login_server"), username, password);
                } catch (DockerEngine.Failure e) {
                    throw new BuildFailure("Error logging in to Docker: " + e.getMessage());
                }
            }
            for (String name : names) {
                ctx.ui().message("Pushing: " + name);
                push(engine, name, auth, ctx);
            }
            if (auth != null) {
                ctx.ui().message("Logging out...");
            }
        } catch (IOException e) {
            throw new BuildFailure(e.getMessage());
        }
        List<String> tags = input.state().getOrDefault(DockerBuilder.TAGS, List.of());
        return new Result(DockerBuilder.importArtifact(ctx, DockerBuilder.IMPORT_ID, names.get(0), tags,
                input.generatedData()), true, false);
    }

    /** Pushes one name, its progress lines as docker push prints them; a failure as packer reports it. */
    private static void push(DockerEngine engine, String name, AuthConfig auth, BuildContext ctx)
            throws BuildFailure {
        String tag = DockerEngine.tagOf(name);
        var cmd = engine.client().pushImageCmd(DockerEngine.repositoryOf(name)).withTag(tag.isEmpty() ? "latest" : tag);
        if (auth != null) {
            cmd = cmd.withAuthConfig(auth);
        }
        List<String> errors = new ArrayList<>();
        ResultCallback.Adapter<PushResponseItem> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(PushResponseItem item) {
                if (item.getErrorDetail() != null || item.getError() != null) {
                    errors.add(item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                            ? item.getErrorDetail().getMessage() : item.getError());
                } else if (item.getStatus() != null && item.getProgressDetail() == null) {
                    ctx.ui().message((item.getId() == null ? "" : item.getId() + ": ") + item.getStatus());
                }
            }
        };
        try {
            cmd.exec(callback);
            engine.awaitDone(callback, ctx.cancellation());
        } catch (DockerEngine.Failure e) {
            ctx.ui().message(e.getMessage());
            throw new BuildFailure("Bad exit status: 1");
        } catch (Cancellation.CancelledException e) {
            throw new BuildFailure("cancelled");
        }
        if (!errors.isEmpty()) {
            errors.forEach(ctx.ui()::message);
            throw new BuildFailure("Bad exit status: 1");
        }
    }
}
