package io.jenkins.plugins.packer.run;

/** A run's output collected as one text, for tests that read what a build printed. */
public final class CollectedOutput implements UiOutput {

    private final StringBuilder text = new StringBuilder();

    @Override
    public synchronized void write(String t) {
        text.append(t);
    }

    public synchronized String text() {
        return text.toString();
    }
}
