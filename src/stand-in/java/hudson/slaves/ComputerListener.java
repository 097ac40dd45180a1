package hudson.slaves;

import hudson.ExtensionPoint;
import hudson.model.Computer;
import hudson.model.TaskListener;
import java.io.IOException;

/** Mirrors jenkins-core {@code hudson.slaves.ComputerListener}: told when agents come online (members unused left out). */
public abstract class ComputerListener implements ExtensionPoint {

    /** Called once the agent's channel is up, before builds are given to it; {@code listener} writes its log. */
    public void onOnline(Computer c, TaskListener listener) throws IOException, InterruptedException {
    }
}
