package hudson.model;

import java.io.PrintStream;
import org.jenkinsci.remoting.SerializableOnlyOverRemoting;

/** Mirrors jenkins-core {@code hudson.model.TaskListener}: where a build step writes its log. */
public interface TaskListener extends SerializableOnlyOverRemoting {
    PrintStream getLogger();
}
