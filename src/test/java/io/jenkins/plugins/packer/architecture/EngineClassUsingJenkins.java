package io.jenkins.plugins.packer.architecture;

import hudson.model.TaskListener;

/** What ArchitectureTest must reject: a class outside the Jenkins integration that uses a Jenkins type. */
public final class EngineClassUsingJenkins {

    private EngineClassUsingJenkins() {
    }

    public static void log(TaskListener listener, String line) {
        listener.getLogger().println(line);
    }
}
