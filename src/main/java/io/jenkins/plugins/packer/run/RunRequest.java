package io.jenkins.plugins.packer.run;

import io.jenkins.plugins.packer.component.SshLogin;
import io.jenkins.plugins.packer.template.LoadRequest;
import java.util.List;

/**
 * Everything a run is started with: the template, variables, environment, working directory and workspace (in
 * {@code load}), {@code -only}/{@code -except}, the build options, where output goes, the cancellation handle the
 * embedder may trigger, secret values to mask besides the template's sensitive ones (credentials), the run's id, and
 * the SSH login to use where a source names none (null: none).
 */
public record RunRequest(LoadRequest load, List<String> only, List<String> except, RunOptions options,
                         UiOutput output, Cancellation cancellation, List<String> secrets, String runUuid,
                         SshLogin sshLogin) {

    public RunRequest {
        only = List.copyOf(only);
        except = List.copyOf(except);
        secrets = List.copyOf(secrets);
    }

    /** A request without an SSH login. */
    public RunRequest(LoadRequest load, List<String> only, List<String> except, RunOptions options, UiOutput output,
                      Cancellation cancellation, List<String> secrets, String runUuid) {
        this(load, only, except, options, output, cancellation, secrets, runUuid, null);
    }
}
