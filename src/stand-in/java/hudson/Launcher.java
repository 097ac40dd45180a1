package hudson;

/** Mirrors jenkins-core {@code hudson.Launcher}: starts processes on a node; the plugin only passes it on. */
public abstract class Launcher {
}
