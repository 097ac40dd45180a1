package io.jenkins.plugins.packer.communicator.ssh;

import io.jenkins.plugins.packer.run.BuildContext;
import io.jenkins.plugins.packer.run.Cancellation;
import io.jenkins.plugins.packer.run.Durations;
import io.jenkins.plugins.packer.run.Step;
import io.jenkins.plugins.packer.run.StepProvision;
import io.jenkins.plugins.packer.run.StepState;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Packer's {@code StepConnect} for SSH: waits for the machine's SSH server, retrying connections every 5 seconds
 * until {@code ssh_timeout}, counting authentication failures against {@code ssh_handshake_attempts}; then makes the
 * communicator and its connection values ({@code build.Host}, …) available to the provisioners. Its cleanup closes
 * the connection.
 */
public final class StepConnectSsh implements Step {

    static final Duration RETRY = Duration.ofSeconds(5);

    private final java.util.function.Function<StepState, SshSettings> resolve;
    private SshSettings settings;
    private String host;

    /** Connects to {@code host} (the builder's choice, or {@code ssh_host}) with the source's settings. */
    public StepConnectSsh(SshSettings settings, String host) {
        this(state -> settings.withHost(host));
    }

    /**
     * Connects with the settings {@code resolve} gives when the step runs: a builder that learns the host and the
     * key only then (an instance's address, a temporary key pair).
     */
    public StepConnectSsh(java.util.function.Function<StepState, SshSettings> resolve) {
        this.resolve = resolve;
    }

    @Override
    public String name() {
        return "StepConnect";
    }

    @Override
    public boolean run(StepState state) {
        BuildContext ctx = state.build();
        Cancellation cancellation = ctx.cancellation();
        settings = resolve.apply(state);
        host = settings.host();
        try {
            if (!settings.pauseBeforeConnecting().isZero()) {
                state.ui().say("Pausing " + Durations.go(settings.pauseBeforeConnecting()) + " before connecting...");
                cancellation.sleep(settings.pauseBeforeConnecting());
            }
            state.ui().say("Using ssh communicator to connect: " + host);
            state.ui().say("Waiting for SSH to become available...");
            SshCommunicator comm = waitForSsh(ctx, cancellation);
            comm.logTo(ctx.log());
            if (comm == null) {
                return false;
            }
            state.put(StepProvision.COMMUNICATOR, comm);
            state.put(StepProvision.CONNECTION, connectionData(ctx));
            state.ui().say("Connected to SSH!");
            return true;
        } catch (Cancellation.CancelledException e) {
            return false;
        } catch (SshFailure e) {
            state.ui().error(e.getMessage().startsWith("Timeout") ? e.getMessage()
                    : "Error waiting for SSH: " + e.getMessage());
            return state.fail(e.getMessage());
        }
    }

    /** Why waiting for SSH failed, in Packer's words. */
    static final class SshFailure extends Exception {
        private static final long serialVersionUID = 1L;

        SshFailure(String message) {
            super(message, null, false, false);
        }
    }

    private SshCommunicator waitForSsh(BuildContext ctx, Cancellation cancellation) throws SshFailure,
            Cancellation.CancelledException {
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        int authFailures = 0;
        boolean first = true;
        SshSettings target = settings;
        while (true) {
            if (!first) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new SshFailure("Timeout waiting for SSH.");
                }
                cancellation.sleep(Duration.ofNanos(Math.min(left, RETRY.toNanos())));
            }
            first = false;
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new SshFailure("Timeout waiting for SSH.");
            }
            try {
                return SshCommunicator.connect(target, Duration.ofNanos(Math.min(left, Duration.ofMinutes(1)
                        .toNanos())), ctx.workDir());
            } catch (IOException e) {
                cancellation.check();
                String why = e.getMessage() == null ? e.toString() : e.getMessage();
                if (why.startsWith("Error setting up SSH config")) {
                    throw new SshFailure(why);
                }
                if (isAuthentication(why)) {
                    authFailures++;
                    if (authFailures >= settings.handshakeAttempts()) {
                        throw new SshFailure("Packer experienced an authentication error when trying to connect via"
                                + " SSH. This can happen if your username/password are wrong. You may want to"
                                + " double-check your credentials as part of your debugging process. original"
                                + " error: ssh: unable to authenticate: " + why);
                    }
                }
            }
        }
    }

    private static boolean isAuthentication(String message) {
        String m = message.toLowerCase(java.util.Locale.ROOT);
        return m.contains("authenticat") || m.contains("no more authentication methods");
    }

    /** The values provisioners see as {@code build.Host}, {@code build.Port}, …; the key and password are secrets. */
    private Map<String, String> connectionData(BuildContext ctx) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("Host", host);
        data.put("Port", Integer.toString(settings.port()));
        data.put("User", settings.username());
        data.put("Password", settings.password());
        data.put("ConnType", "ssh");
        // A temporary key's public half, as Packer gives it to provisioners (build.SSHPublicKey).
        data.put("SSHPublicKey", settings.privateKey().isEmpty() ? ""
                : StepCleanupTempKeys.publicKeyLine(settings.privateKey()));
        String key = settings.privateKey();
        if (!settings.privateKeyFile().isEmpty()) {
            try {
                key = Files.readString(ctx.workDir().resolve(settings.privateKeyFile()));
            } catch (IOException e) {
                key = "";
            }
        }
        data.put("SSHPrivateKey", key);
        data.put("SSHPrivateKeyFile", settings.privateKeyFile());
        data.put("SSHAgentAuth", Boolean.toString(!settings.agentSocket().isEmpty()));
        data.put("WinRMPassword", "");
        ctx.masker().add(settings.password());
        ctx.masker().add(key);
        if (settings.bastion() != null) {
            ctx.masker().add(settings.bastion().password());
        }
        if (settings.transport().proxy() != null) {
            ctx.masker().add(settings.transport().proxy().password());
        }
        return data;
    }

    @Override
    public void cleanup(StepState state) {
        Object comm = state.get(StepProvision.COMMUNICATOR);
        if (comm instanceof SshCommunicator ssh) {
            ssh.close();
        }
    }
}
