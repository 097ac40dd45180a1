package hudson.console;

import hudson.MarkupText;
import java.io.Serializable;

/** Mirrors jenkins-core {@code hudson.console.ConsoleAnnotator}: marks up the console's lines as they are shown. */
public abstract class ConsoleAnnotator<T> implements Serializable {

    public abstract ConsoleAnnotator<T> annotate(T context, MarkupText text);
}
