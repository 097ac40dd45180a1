package io.jenkins.plugins.packer.run;

import io.jenkins.plugins.packer.gotemplate.Interpolation;
import io.jenkins.plugins.packer.run.journal.ResourceJournal;
import java.nio.file.Path;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * What a build's components see of the run: the build's full name ({@code BUILD.TYPE.NAME}), the name components
 * know it by ({@code packer_build_name}, the source's name), the builder type, the build's UI, the working directory
 * relative paths resolve against, the environment child processes get, cancellation, the run's id
 * ({@code PACKER_RUN_UUID}), the options, the secret masker, the Go-template context of the build, and where
 * components record the files they wrote ({@link BuildOutputs}), the run's locks on shared files, and the run's
 * journal of the cloud resources its builds make, and the AWS credentials the embedder gives the run in place of the
 * environment's keys (null: the environment's).
 */
public record BuildContext(String name, String packerBuildName, String builderType, Ui ui, Path workDir,
                           Map<String, String> env, Cancellation cancellation, String runUuid, RunOptions options,
                           SecretMasker masker, Interpolation.Context interpolation, BuildOutputs outputs,
                           FileLocks locks, ResourceJournal journal, AwsCredentialsProvider awsCredentials,
                           DebugLog log) {

    public BuildContext {
        env = Map.copyOf(env);
    }

    /** The same build with another UI (a post-processor's) or cancellation (a provisioner's timeout). */
    public BuildContext with(Ui newUi, Cancellation newCancellation) {
        return new BuildContext(name, packerBuildName, builderType, newUi, workDir, env, newCancellation, runUuid,
                options, masker, interpolation, outputs, locks, journal, awsCredentials, log);
    }

    /** Resolves a path of the template against the working directory. */
    public Path resolve(String path) {
        return workDir.resolve(path);
    }
}
