package io.jenkins.plugins.packer.jenkins;

import io.jenkins.plugins.packer.run.Cancellation;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The builds running in this JVM (an agent, or the controller for its own workspaces), by request id, so that an
 * abort sent by the controller reaches the build's cancellation.
 */
final class AgentBuilds {

    private static final Map<String, Cancellation> RUNNING = new ConcurrentHashMap<>();

    private AgentBuilds() {
    }

    static void started(String id, Cancellation cancellation) {
        RUNNING.put(id, cancellation);
    }

    static void finished(String id) {
        RUNNING.remove(id);
    }

    /** Cancels the build; false when no such build runs here (it already ended). */
    static boolean cancel(String id) {
        Cancellation c = RUNNING.get(id);
        if (c == null) {
            return false;
        }
        c.cancel();
        return true;
    }
}
