package io.jenkins.plugins.packer.run;

import io.jenkins.plugins.packer.template.LoadRequest;
import java.util.List;

/**
 * Everything a run is started with: the template, variables, environment, working directory and workspace (in
 * {@code load}), {@code -only}/{@code -except}, the build options, where output goes, the cancellation handle the
 * embedder may trigger, secret values to mask besides the template's sensitive ones (credentials), and the run's id.
 */
public record RunRequest(LoadRequest load, List<String> only, List<String> except, RunOptions options,
                         UiOutput output, Cancellation cancellation, List<String> secrets, String runUuid) {

    public RunRequest {
        only = List.copyOf(only);
        except = List.copyOf(except);
        secrets = List.copyOf(secrets);
    }
}
