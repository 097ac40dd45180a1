package io.jenkins.plugins.packer.jenkins;

import io.jenkins.plugins.packer.run.Cancellation;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The builds running in this JVM (an agent, or the controller for its own workspaces), by request id, so that an
 * abort sent by the controller reaches the build's cancellation. An abort that arrives before its build registered
 * (the start call and the abort cross) is kept, and the build starts cancelled.
 */
final class AgentBuilds {

    private static final Map<String, Cancellation> RUNNING = new ConcurrentHashMap<>();
    private static final Set<String> CANCELLED_BEFORE_START = ConcurrentHashMap.newKeySet();

    private AgentBuilds() {
    }

    static synchronized void started(String id, Cancellation cancellation) {
        RUNNING.put(id, cancellation);
        if (CANCELLED_BEFORE_START.remove(id)) {
            cancellation.cancel();
        }
    }

    static synchronized void finished(String id) {
        RUNNING.remove(id);
    }

    /**
     * Cancels the build; false when no such build runs here, in which case a build of that id that starts later
     * starts cancelled.
     */
    static synchronized boolean cancel(String id) {
        Cancellation c = RUNNING.get(id);
        if (c == null) {
            CANCELLED_BEFORE_START.add(id);
            return false;
        }
        c.cancel();
        return true;
    }
}
