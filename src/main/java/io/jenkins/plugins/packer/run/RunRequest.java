package io.jenkins.plugins.packer.run;

import io.jenkins.plugins.packer.component.SshLogin;
import io.jenkins.plugins.packer.run.journal.ResourceJournal;
import io.jenkins.plugins.packer.template.LoadRequest;
import java.nio.file.Path;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Everything a run is started with: the template, variables, environment, working directory and workspace (in
 * {@code load}), {@code -only}/{@code -except}, the build options, where output goes, the cancellation handle the
 * embedder may trigger, secret values to mask besides the template's sensitive ones (credentials), the run's id, the
 * SSH login to use where a source names none (null: none), and the state directory that keeps the run's journal of
 * the cloud resources it makes (null: no journal; see {@link ResourceJournal}), the AWS credentials the embedder
 * gives the run in place of the environment's keys (null: the environment's; see {@link BuildContext}), and where
 * its debug log goes (null: nowhere; see {@link DebugLog}).
 */
public record RunRequest(LoadRequest load, List<String> only, List<String> except, RunOptions options,
                         UiOutput output, Cancellation cancellation, List<String> secrets, String runUuid,
                         SshLogin sshLogin, Path stateDir, AwsCredentialsProvider awsCredentials,
                         DebugLog.Sink debugLog) {

    public RunRequest {
        only = List.copyOf(only);
        except = List.copyOf(except);
        secrets = List.copyOf(secrets);
    }

    /** A request without a journal. */
    public RunRequest(LoadRequest load, List<String> only, List<String> except, RunOptions options, UiOutput output,
                      Cancellation cancellation, List<String> secrets, String runUuid, SshLogin sshLogin) {
        this(load, only, except, options, output, cancellation, secrets, runUuid, sshLogin, null, null, null);
    }

    /** A request without an SSH login. */
    public RunRequest(LoadRequest load, List<String> only, List<String> except, RunOptions options, UiOutput output,
                      Cancellation cancellation, List<String> secrets, String runUuid) {
        this(load, only, except, options, output, cancellation, secrets, runUuid, null, null, null, null);
    }

    /** The same request, its journal kept under {@code dir}. */
    public RunRequest withStateDir(Path dir) {
        return new RunRequest(load, only, except, options, output, cancellation, secrets, runUuid, sshLogin, dir,
                awsCredentials, debugLog);
    }

    /** The same request, its AWS clients using {@code credentials} where the environment's keys would be. */
    public RunRequest withAwsCredentials(AwsCredentialsProvider credentials) {
        return new RunRequest(load, only, except, options, output, cancellation, secrets, runUuid, sshLogin, stateDir,
                credentials, debugLog);
    }

    /** The same request, its debug log written to {@code sink} (see {@link DebugLog}; null: none). */
    public RunRequest withDebugLog(DebugLog.Sink sink) {
        return new RunRequest(load, only, except, options, output, cancellation, secrets, runUuid, sshLogin, stateDir,
                awsCredentials, sink);
    }
}
