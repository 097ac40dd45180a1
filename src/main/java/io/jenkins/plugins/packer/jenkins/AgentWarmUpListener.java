package io.jenkins.plugins.packer.jenkins;

import hudson.Extension;
import hudson.model.Computer;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import hudson.slaves.ComputerListener;
import java.io.IOException;

/**
 * Warms the engine up on each agent that comes online ({@link AgentWarmUp}), so that its first {@code packerBuild}
 * starts as fast as the next ones: the agent's log says so. Nodes without executors run no build and are left
 * alone. The system property {@code io.jenkins.plugins.packer.jenkins.AgentWarmUpListener.disabled=true} on the
 * controller turns it off.
 */
@Extension
public final class AgentWarmUpListener extends ComputerListener {

    static final String DISABLED = AgentWarmUpListener.class.getName() + ".disabled";

    @Override
    public void onOnline(Computer c, TaskListener listener) {
        if (Boolean.getBoolean(DISABLED) || c.getNumExecutors() == 0) {
            return;
        }
        VirtualChannel channel = c.getChannel();
        if (channel == null) {
            return;
        }
        try {
            if (channel.call(new WarmUpCallable())) {
                listener.getLogger().println("Packer Steps: warming up the Packer engine in the background (a"
                        + " bake against a stand-in EC2 and SSH server on 127.0.0.1), so that the first packerBuild"
                        + " starts fast; -D" + DISABLED + "=true on the controller turns this off");
            }
        } catch (IOException | RuntimeException e) {
            // A warm-up that cannot start costs the first build its speed, nothing else: the agent stays online.
            listener.getLogger().println("Packer Steps: the engine's warm-up did not start: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
