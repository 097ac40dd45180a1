package hudson;

/** Mirrors jenkins-core {@code hudson.ExtensionPoint}: a marker of types Jenkins finds as extensions. */
public interface ExtensionPoint {
}
