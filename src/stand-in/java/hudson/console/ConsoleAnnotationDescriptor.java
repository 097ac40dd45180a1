package hudson.console;

import hudson.ExtensionPoint;
import hudson.model.Descriptor;

/** Mirrors jenkins-core {@code hudson.console.ConsoleAnnotationDescriptor}: the descriptor of a console note. */
public abstract class ConsoleAnnotationDescriptor extends Descriptor<ConsoleNote<?>> implements ExtensionPoint {

    protected ConsoleAnnotationDescriptor() {
    }
}
