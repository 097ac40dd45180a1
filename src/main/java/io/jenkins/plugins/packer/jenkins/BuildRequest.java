package io.jenkins.plugins.packer.jenkins;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code packerBuild} sends to the agent: its arguments, checked, in the engine's terms, the step's
 * environment, and the id under which the agent keeps the running build (so that an abort can reach it). Built on
 * the controller, so a bad argument fails the step before anything reaches the agent.
 */
record BuildRequest(String id, String template, Map<String, String> vars, List<String> varFiles, List<String> only,
                    List<String> except, String onError, int parallelBuilds, boolean force, boolean timestampUi,
                    boolean color, Map<String, String> env, SshKey sshKey, AwsKeys awsKeys)
        implements Serializable {

    /** The same request without AWS keys. */
    BuildRequest(String id, String template, Map<String, String> vars, List<String> varFiles, List<String> only,
                 List<String> except, String onError, int parallelBuilds, boolean force, boolean timestampUi,
                 boolean color, Map<String, String> env, SshKey sshKey) {
        this(id, template, vars, varFiles, only, except, onError, parallelBuilds, force, timestampUi, color, env,
                sshKey, null);
    }

    /**
     * AWS keys for the build's environment: an access key id, its secret, and a session token (or empty); for an
     * assumed role, also how the agent renews the session ({@code renewal}, null for keys that do not expire).
     */
    record AwsKeys(String accessKeyId, String secretAccessKey, String sessionToken, RoleRenewal renewal)
            implements Serializable {
        private static final long serialVersionUID = 1L;

        AwsKeys(String accessKeyId, String secretAccessKey, String sessionToken) {
            this(accessKeyId, secretAccessKey, sessionToken, null);
        }

        /** The variables the build's AWS clients read. */
        Map<String, String> environment() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("AWS_ACCESS_KEY_ID", accessKeyId);
            m.put("AWS_SECRET_ACCESS_KEY", secretAccessKey);
            if (!sessionToken.isEmpty()) {
                m.put("AWS_SESSION_TOKEN", sessionToken);
            }
            return m;
        }

        @Override
        public String toString() {
            return "AwsKeys[" + accessKeyId + ", <sensitive>" + (renewal == null ? "" : ", " + renewal) + "]";
        }
    }

    /**
     * The long-lived keys of AWS credentials with an IAM role, and the role they assume (external id empty for none,
     * the session's length in seconds), so that the agent renews the role's session before it ends.
     */
    record RoleRenewal(String accessKeyId, String secretAccessKey, String roleArn, String externalId,
                       int durationSeconds) implements Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public String toString() {
            return "RoleRenewal[" + accessKeyId + ", <sensitive>, " + roleArn + "]";
        }
    }


    /**
     * An SSH private key credential's user name, key text and passphrase (empty when none), for the sources that
     * name no login (or null).
     */
    record SshKey(String username, String privateKey, String passphrase) implements Serializable {
        private static final long serialVersionUID = 1L;

        SshKey(String username, String privateKey) {
            this(username, privateKey, "");
        }

        @Override
        public String toString() {
            return "SshKey[" + username + ", <sensitive>]";
        }
    }

    private static final long serialVersionUID = 1L;

    /** The {@code -on-error} modes a Jenkins build can use ({@code ask} needs a terminal). */
    static final List<String> ON_ERROR = List.of("cleanup", "abort", "run-cleanup-provisioner");

    BuildRequest {
        // Copies Java serialization can carry: Map.copyOf/List.copyOf give JDK-internal classes remoting may refuse.
        vars = new LinkedHashMap<>(vars);
        varFiles = new ArrayList<>(varFiles);
        only = new ArrayList<>(only);
        except = new ArrayList<>(except);
        env = new LinkedHashMap<>(env);
    }

    /**
     * Checks the step's arguments as Pipeline passes them (the optional ones may be null) and converts them.
     *
     * @throws IllegalArgumentException listing every problem found, one per line
     */
    static BuildRequest of(String id, BuildArguments step, Map<String, String> env) {
        return of(id, step, env, null);
    }

    /** The same, with the SSH key of the step's {@code sshCredentialsId} (null when it names none). */
    static BuildRequest of(String id, BuildArguments step, Map<String, String> env, SshKey sshKey) {
        return of(id, step, env, sshKey, null);
    }

    /** The same, with the AWS keys of the step's {@code credentialsId} (null when it names none). */
    static BuildRequest of(String id, BuildArguments step, Map<String, String> env, SshKey sshKey,
                           AwsKeys awsKeys) {
        List<String> problems = new ArrayList<>();
        String templateProblem = WorkspacePaths.problem("template", step.getTemplate());
        if (templateProblem != null) {
            problems.add(templateProblem);
        }
        List<String> files = StepArguments.varFiles(step.getVarFiles(), step.getVariableFiles(), problems);
        Map<String, String> values = StepArguments.variables(step.getVars(), step.getVariables(), problems);
        String onError = step.getOnError() == null || step.getOnError().isBlank() ? "cleanup" : step.getOnError();
        if (!ON_ERROR.contains(onError)) {
            problems.add("onError must be one of " + String.join(", ", ON_ERROR) + ", but is " + onError
                    + (onError.equals("ask") ? " (a Jenkins build has no terminal to ask on)" : ""));
        }
        if (step.getArchiveLimitMegabytes() < 0) {
            problems.add("archiveLimitMegabytes must be 0 or more, but is " + step.getArchiveLimitMegabytes());
        }
        if (step.getParallelBuilds() < 0) {
            problems.add("parallelBuilds must be 0 (no limit) or more, but is " + step.getParallelBuilds());
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        Map<String, String> environment = env == null ? Map.of() : JenkinsProxy.environment(env);
        if (step.isDebugLog() && environment.getOrDefault("PACKER_LOG", "").isEmpty()) {
            // debugLog: the same as PACKER_LOG in the step's environment.
            environment = new java.util.LinkedHashMap<>(environment);
            environment.put("PACKER_LOG", "1");
        }
        return new BuildRequest(id, step.getTemplate(), values, files, StepArguments.names(step.getOnly()),
                StepArguments.names(step.getExcept()), onError, step.getParallelBuilds(), step.isForce(),
                step.isTimestampUi(), step.isColor(), environment, sshKey, awsKeys);
    }
}
